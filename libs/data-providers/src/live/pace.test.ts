import { firstValueFrom, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';
import type { Bar } from '@rustybt/engine';
import { pacedStream } from './pace';

const bar = (time: number): Bar => ({ symbol: 'X', time, open: 1, high: 1, low: 1, close: 1, volume: 1 });

async function* source(times: number[], onReturn: () => void = () => {}) {
  try {
    for (const t of times) yield bar(t);
  } finally {
    onReturn();
  }
}

describe('pacedStream', () => {
  it('spaces bars by market time divided by speed and completes', async () => {
    const t0 = Date.now();
    const bars = await firstValueFrom(pacedStream(() => source([0, 1000, 3000]), { speed: 50 }).pipe(toArray()));
    expect(bars.map((b) => b.time)).toEqual([0, 1000, 3000]);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(55);
  });

  it('plays everything at once with speed Infinity', async () => {
    const times = Array.from({ length: 5000 }, (_, i) => i * 60_000);
    const bars = await firstValueFrom(pacedStream(() => source(times), { speed: Infinity }).pipe(toArray()));
    expect(bars).toHaveLength(5000);
  });

  it('stops the source when unsubscribed', async () => {
    let closed = false;
    const seen: number[] = [];
    const sub = pacedStream(() => source([0, 60_000, 120_000], () => (closed = true)), { speed: 1 }).subscribe((b) => seen.push(b.time));
    await new Promise((r) => setTimeout(r, 20));
    sub.unsubscribe();
    await new Promise((r) => setTimeout(r, 20));
    expect(seen).toEqual([0]);
    expect(closed).toBe(true);
  });

  it('passes source errors on and rejects a bad speed', async () => {
    async function* failing() {
      yield bar(0);
      throw new Error('boom');
    }
    await expect(firstValueFrom(pacedStream(failing, { speed: Infinity }).pipe(toArray()))).rejects.toThrow('boom');
    expect(() => pacedStream(failing, { speed: 0 })).toThrow(/speed 0 is not positive/);
  });
});
