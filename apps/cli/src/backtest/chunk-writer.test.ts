import fc from 'fast-check';
import type { BarColumns } from '@rustybt/data-providers';
import type { Bar } from '@rustybt/engine';
import { describe, expect, it } from 'vitest';
import { ChunkWriter } from './chunk-writer';
import type { BarChunk } from './columns';

const FIELDS = ['time', 'open', 'high', 'low', 'close', 'volume'] as const;

const rowsOf = (chunks: BarChunk[]) =>
  chunks.map((c) => ({ length: c.length, rows: Array.from({ length: c.length }, (_, i) => FIELDS.map((f) => c[f][i]!).concat(c.symbol[i]!)) }));

function columnsOf(bars: Bar[]): BarColumns {
  const col = (f: (typeof FIELDS)[number]) => Float64Array.from(bars, (b) => b[f]);
  return { length: bars.length, time: col('time'), open: col('open'), high: col('high'), low: col('low'), close: col('close'), volume: col('volume') };
}

const bar = fc.record({
  symbol: fc.constant('S'),
  time: fc.integer({ min: 0, max: 2 ** 45 }),
  open: fc.double({ noNaN: true }),
  high: fc.double({ noNaN: true }),
  low: fc.double({ noNaN: true }),
  close: fc.double({ noNaN: true }),
  volume: fc.double({ min: 0, noNaN: true }),
});

describe('ChunkWriter', () => {
  it('packs the same chunks from columns as from bars, however the batches split, growing 2, 4, 8 rows', () => {
    fc.assert(
      fc.property(fc.array(fc.array(bar, { maxLength: 20 }), { maxLength: 8 }), (batches) => {
        const viaBars: BarChunk[] = [];
        const a = new ChunkWriter((c) => viaBars.push(c), 2, 8);
        for (const b of batches.flat()) a.pushBar(b, 0);
        a.finish();
        const viaColumns: BarChunk[] = [];
        const w = new ChunkWriter((c) => viaColumns.push(c), 2, 8);
        for (const b of batches) w.pushColumns(columnsOf(b));
        w.finish();
        expect(rowsOf(viaColumns)).toEqual(rowsOf(viaBars));
        // Every chunk but the last is full: 2, 4, 8, 8, ... rows.
        const full = viaColumns.slice(0, -1).map((c) => c.length);
        expect(full).toEqual(full.map((_, k) => Math.min(8, 2 << k)));
        expect(viaColumns.reduce((n, c) => n + c.length, 0)).toBe(batches.flat().length);
      }),
      { numRuns: 300 },
    );
  });
});
