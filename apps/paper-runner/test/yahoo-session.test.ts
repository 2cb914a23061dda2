import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startYahooEmulator, type EmulatedQuote, type YahooEmulator } from '@rustybt/data-providers/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StateStore } from '../src/state/store';
import { PROCESS_TEST_TIMEOUT_MS, readEvents, sleep, startRunner } from './support/runner-process';

const BUY_ONCE = fileURLToPath(new URL('./fixtures/buy-once.ts', import.meta.url));
const MIN = 60_000;
const home = mkdtempSync(join(tmpdir(), 'rustybt-yahoo-'));
let yahoo: YahooEmulator;
let thisMinute: number;

beforeAll(async () => {
  // Three hours of SPY minute bars up to the one forming now, and some Yahoo has not got yet.
  thisMinute = Math.floor(Date.now() / MIN) * MIN;
  const quotes: EmulatedQuote[] = [];
  for (let t = thisMinute - 180 * MIN; t <= thisMinute; t += MIN) {
    const p = 500 + ((t / MIN) % 17) / 10;
    quotes.push({ timestamp: t / 1000, open: p, high: p + 0.2, low: p - 0.2, close: p + 0.1, volume: 1000 });
  }
  yahoo = await startYahooEmulator({ symbols: { SPY: { quotes } } });
});
afterAll(async () => {
  await yahoo.close();
  rmSync(home, { recursive: true, force: true });
});

describe('the runner on Yahoo bars (real yahoo-finance2 client against the Yahoo emulator)', { timeout: PROCESS_TEST_TIMEOUT_MS }, () => {
  it('warms up on the last bars, trades on the latest closed one, and polls Yahoo for the next', async () => {
    const logDir = join(home, 'logs');
    const run = startRunner(
      ['--strategy', BUY_ONCE, '--data', 'yahoo', '--symbol', 'SPY', '--interval', '1m', '--session', 'spy', '--heartbeat', '200ms', '--log-dir', logDir],
      {
        RUSTYBT_HOME: home,
        RUSTYBT_YAHOO_URL: yahoo.url,
      },
    );
    await run.url;
    const deadline = Date.now() + 60_000;
    while (!readEvents(logDir).some((e) => e.event === 'order_submitted') && Date.now() < deadline) await sleep(50);
    run.child.kill('SIGTERM');
    const r = await run.exited;
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/warmed up on 5 bars before the first live bar/);
    const events = readEvents(logDir);
    expect(events[0]).toMatchObject({ event: 'session_start', mode: 'paper', broker: 'paper' });
    expect(events.find((e) => e.event === 'order_submitted')).toMatchObject({ symbol: 'SPY', side: 'buy' });
    expect(events.at(-1)).toMatchObject({ event: 'session_stop', reason: 'signal' });
    const store = StateStore.open(join(home, 'state', 'spy.db'));
    try {
      // The first live bar is the latest closed minute (or a later one, had a minute ended meanwhile): never the forming one.
      const last = store.checkpoint()!.last_bar_time;
      expect(last).toBeGreaterThanOrEqual(thisMinute - MIN);
      expect(last).toBeLessThan(Date.now() - MIN + 1);
      expect(store.orders()).toMatchObject([{ client_order_id: 'spy-1', symbol: 'SPY', side: 'buy' }]);
    } finally {
      store.close();
    }
    const charts = yahoo.requests.filter((q) => q.startsWith('/v8/finance/chart/SPY?'));
    expect(charts.length).toBeGreaterThanOrEqual(2);
    expect(charts.every((q) => q.includes('interval=1m'))).toBe(true);
  });
});
