import { firstValueFrom, take, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';
import type { Bar } from '@rustybt/engine';
import { polledLive } from './polled-live';

const MIN = 60_000;
const T0 = Date.UTC(2026, 0, 5, 14, 30);
const bar = (time: number): Bar => ({ symbol: 'SPY', time, open: 1, high: 1, low: 1, close: 1, volume: 1 });

describe('polledLive', () => {
  it('delivers the latest closed bar first, then each bar once it has closed, never one twice', async () => {
    let clock = T0 + 10 * MIN + 5_000; // bars 0..9 have closed, bar 10 is forming
    const asked: [number, number][] = [];
    async function* history(from: number, to: number) {
      asked.push([from, to]);
      // The source has bars up to the one forming now (as Yahoo shows the current minute).
      for (let t = T0; t <= to; t += MIN) if (t >= from) yield bar(t);
      clock += MIN; // a minute passes between two polls
    }
    const got = await firstValueFrom(polledLive(history, '1m', { pollMs: 1, lookbackMs: 60 * MIN, now: () => clock }).pipe(take(3), toArray()));
    expect(got.map((b) => (b.time - T0) / MIN)).toEqual([9, 10, 11]);
    expect(asked[0]).toEqual([T0 + 10 * MIN + 5_000 - 60 * MIN, T0 + 10 * MIN + 5_000]);
    expect(asked[1]![0]).toBe(T0 + 10 * MIN);
  });

  it('ends with the source error when a poll fails', async () => {
    // eslint-disable-next-line require-yield
    async function* failing(): AsyncGenerator<Bar> {
      throw new Error('source down');
    }
    await expect(firstValueFrom(polledLive(failing, '1m', { pollMs: 1, lookbackMs: MIN }))).rejects.toThrow('source down');
  });
});
