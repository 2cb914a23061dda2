import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import type { Bar } from '@rustybt/engine';
import { afterAll, describe, expect, it } from 'vitest';
import { DataInputError } from '../errors';
import { collect, tempDir } from '../test-support';
import { CSV_LAYOUTS, formatCsv } from './format-csv';
import { readCsvBars, readCsvColumns } from './read-csv';

const { dir, cleanup } = tempDir('rustybt-csv-prop-');
afterAll(cleanup);
let fileNo = 0;
const write = (content: string | Uint8Array) => {
  const path = join(dir, `f${fileNo++}.csv`);
  writeFileSync(path, content);
  return path;
};

// The documented ambiguity of bare epoch numbers (see parse-time): below 1e11 they are seconds,
// from 1e11 on milliseconds. So times are kept where both readings are unambiguous: from
// March 1973 (1e11 ms) to year 4821 (9e13 ms, still 9e10 seconds).
const FIRST = 1e11;
const LAST = 9e13;
const price = fc.double({ min: 1e-8, max: 1e12, noNaN: true, noDefaultInfinity: true });
const volume = fc.oneof(fc.nat({ max: 2 ** 40 }), fc.double({ min: 0, max: 1e15, noNaN: true, noDefaultInfinity: true })).map((v) => Math.abs(v));

const barSeries = fc
  .array(fc.record({ gap: fc.integer({ min: 1, max: 10 * 86_400_000 }), open: price, high: price, low: price, close: price, volume }), {
    minLength: 1,
    maxLength: 40,
  })
  .chain((rows) =>
    fc.integer({ min: FIRST, max: LAST - rows.length * 10 * 86_400_000 }).map((start) => {
      let time = start;
      return rows.map(({ gap, ...r }): Bar => {
        time += gap;
        return { symbol: 'P', time, ...r };
      });
    }),
  );

describe('CSV reader properties', () => {
  it('reads back any bar series written in any supported layout and delimiter', async () => {
    await fc.assert(
      fc.asyncProperty(
        barSeries,
        fc.constantFrom(...CSV_LAYOUTS),
        fc.constantFrom(',', ';', '\t', '|'),
        fc.integer({ min: 64, max: 4096 }),
        async (bars, layout, delimiter, chunkSize) => {
          const path = write(formatCsv(bars, layout, delimiter));
          expect(await collect(readCsvBars(path, { symbol: 'P', chunkSize }))).toEqual(bars);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('reads the same bars as columns as it does as bar objects, whatever the read size, range and close', async () => {
    await fc.assert(
      fc.asyncProperty(
        barSeries,
        fc.constantFrom(...CSV_LAYOUTS),
        fc.integer({ min: 64, max: 4096 }),
        fc.constantFrom<'raw' | 'adjusted'>('raw', 'adjusted'),
        fc.nat(),
        fc.nat(),
        async (bars, layout, chunkSize, close, a, b) => {
          if (close === 'adjusted' && !/adj/i.test(formatCsv(bars.slice(0, 1), layout).split('\n')[0]!)) return;
          const path = write(formatCsv(bars, layout));
          const from = bars[a % bars.length]!.time;
          const to = bars[b % bars.length]!.time + 1;
          const options = { symbol: 'P', chunkSize, close, from, to };
          const rows: Bar[] = [];
          // Each batch is copied out before the next is asked for: the reader reuses the arrays.
          for await (const c of readCsvColumns(path, options))
            for (let i = 0; i < c.length; i++)
              rows.push({ symbol: 'P', time: c.time[i]!, open: c.open[i]!, high: c.high[i]!, low: c.low[i]!, close: c.close[i]!, volume: c.volume[i]! });
          expect(rows).toEqual(await collect(readCsvBars(path, options)));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('never crashes on garbage: it reads bars or fails with the typed error', async () => {
    const alphabet = fc.constantFrom(...'0123456789,;.-:+TZ \t\n\r"eE/abcxyzDateOpenHighLowCloseVolume'.split(''));
    const text = fc.oneof(
      fc.array(alphabet, { maxLength: 300 }).map((cs) => cs.join('')),
      fc.array(alphabet, { maxLength: 300 }).map((cs) => `time,open,high,low,close,volume\n${cs.join('')}`),
      fc.uint8Array({ maxLength: 300 }),
    );
    await fc.assert(
      fc.asyncProperty(text, fc.integer({ min: 1, max: 64 }), async (content, chunkSize) => {
        const path = write(content);
        try {
          const bars = await collect(readCsvBars(path, { chunkSize }));
          for (const b of bars) expect(Number.isFinite(b.time) && Number.isFinite(b.close)).toBe(true);
        } catch (err) {
          if (!(err instanceof DataInputError)) throw err;
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('names the right line when one field of a valid file is spoiled', async () => {
    await fc.assert(
      fc.asyncProperty(barSeries, fc.nat(), fc.integer({ min: 1, max: 4 }), async (bars, pick, field) => {
        const lines = formatCsv(bars, 'iso').trimEnd().split('\n');
        const row = 1 + (pick % bars.length);
        const cells = lines[row]!.split(',');
        cells[field] = 'n/a';
        lines[row] = cells.join(',');
        const err = await collect(readCsvBars(write(lines.join('\n')))).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(DataInputError);
        expect((err as Error).message).toContain(`:${row + 1}: `);
      }),
      { numRuns: 100 },
    );
  });
});
