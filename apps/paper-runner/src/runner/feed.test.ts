import { firstValueFrom, take, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';
import type { Bar } from '@rustybt/engine';
import { feedWindow, openRunnerFeed } from './feed';

const MIN = 60_000;
const NOW = Date.UTC(2026, 0, 5, 12, 34, 56);

async function collect(bars: AsyncIterable<Bar>): Promise<Bar[]> {
  const out: Bar[] = [];
  for await (const b of bars) out.push(b);
  return out;
}

const firstLive = (feed: ReturnType<typeof openRunnerFeed>, n: number) => firstValueFrom(feed.live().pipe(take(n), toArray()));

describe('the runner feed', () => {
  it('warms a fresh sim session up on the bars before its first live bar, then trades from the current minute', async () => {
    const window = feedWindow('sim', '1m', NOW, 30);
    const current = Date.UTC(2026, 0, 5, 12, 34);
    expect(window).toEqual({ feedAnchor: current - 30 * MIN, liveFrom: current });
    const feed = openRunnerFeed({ data: 'sim', symbol: 'SIM', interval: '1m', speed: Infinity, warmupBars: 30, ...window });
    const warm = await collect(feed.warmup());
    expect(warm.map((b) => b.time)).toEqual(Array.from({ length: 30 }, (_, i) => current - (30 - i) * MIN));
    const live = await firstLive(feed, 2);
    expect(live.map((b) => b.time)).toEqual([current, current + MIN]);
    // One path across warm-up and live: the first live bar opens at the last warm-up bar's close.
    expect(live[0]!.open).toBe(warm.at(-1)!.close);
  });

  it('a resumed session warms up on the bars through its last processed one, the same path, and continues after it', async () => {
    const window = feedWindow('sim', '1m', NOW, 30);
    const fresh = openRunnerFeed({ data: 'sim', symbol: 'SIM', interval: '1m', speed: Infinity, warmupBars: 30, ...window });
    const seen = await firstLive(fresh, 10);
    const resumeAfter = seen.at(-1)!.time;
    const resumed = openRunnerFeed({ data: 'sim', symbol: 'SIM', interval: '1m', speed: Infinity, warmupBars: 5, ...window, resumeAfter });
    expect(await collect(resumed.warmup())).toEqual(seen.slice(-5));
    const next = await firstLive(resumed, 1);
    expect(next[0]!.time).toBe(resumeAfter + MIN);
  });

  it('a replay trades its whole window: no warm-up, first bar at the anchor', async () => {
    const window = feedWindow('replay:sim', '1m', NOW, 30);
    expect(window.liveFrom).toBeUndefined();
    const feed = openRunnerFeed({ data: 'replay:sim', symbol: 'SIM', interval: '1m', speed: Infinity, warmupBars: 30, ...window });
    expect(await collect(feed.warmup())).toEqual([]);
    expect((await firstLive(feed, 1))[0]!.time).toBe(window.feedAnchor);
  });

  it("a venue session's first live bar is the venue's last closed one", () => {
    expect(feedWindow('ccxt:binance', '1m', NOW, 30)).toEqual({ feedAnchor: 0, liveFrom: Date.UTC(2026, 0, 5, 12, 33) });
    expect(feedWindow('ccxt:binance', '1h', NOW, 30)).toEqual({ feedAnchor: 0, liveFrom: Date.UTC(2026, 0, 5, 11) });
  });
});
