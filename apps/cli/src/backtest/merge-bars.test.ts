import fc from 'fast-check';
import type { Bar } from '@rustybt/engine';
import { describe, expect, it } from 'vitest';
import { mergeBatches } from './merge-bars';

async function* batches(bars: Bar[], size: number): AsyncGenerator<Bar[]> {
  for (let i = 0; i < bars.length; i += size) yield bars.slice(i, i + size);
}

const bar = (symbol: string, time: number): Bar => ({ symbol, time, open: 1, high: 1, low: 1, close: 1, volume: 1 });

async function collect(it: AsyncIterable<Bar[]>): Promise<Bar[]> {
  const out: Bar[] = [];
  for await (const b of it) out.push(...b);
  return out;
}

describe('mergeBatches', () => {
  it('interleaves symbols by time, symbols in the given order at equal times', async () => {
    const a = [bar('A', 1), bar('A', 3), bar('A', 5)];
    const b = [bar('B', 1), bar('B', 2), bar('B', 5), bar('B', 6)];
    const merged = await collect(mergeBatches([batches(a, 2), batches(b, 3)]));
    expect(merged.map((x) => `${x.symbol}${x.time}`)).toEqual(['A1', 'B1', 'B2', 'A3', 'A5', 'B5', 'B6']);
  });

  it('keeps every bar and the time order for any batch sizes (property)', async () => {
    const series = fc.uniqueArray(fc.integer({ min: 0, max: 500 }), { maxLength: 40 }).map((ts) => ts.sort((x, y) => x - y));
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(series, fc.integer({ min: 1, max: 7 })), { minLength: 1, maxLength: 4 }), async (inputs) => {
        const sources = inputs.map(([times, size], k) =>
          batches(
            times.map((t) => bar(`S${k}`, t)),
            size,
          ),
        );
        const merged = await collect(mergeBatches(sources));
        expect(merged).toHaveLength(inputs.reduce((n, [t]) => n + t.length, 0));
        for (let i = 1; i < merged.length; i++) {
          const p = merged[i - 1]!;
          const c = merged[i]!;
          expect(p.time < c.time || (p.time === c.time && p.symbol < c.symbol)).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  });
});
