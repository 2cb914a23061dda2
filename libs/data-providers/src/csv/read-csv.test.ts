import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CsvFormatError, DataInputError } from '../errors';
import { collect, tempDir } from '../test-support';
import { readCsvBars } from './read-csv';

const { dir, cleanup } = tempDir();
afterAll(cleanup);

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe('readCsvBars', () => {
  it('reads a Yahoo export, raw or adjusted close', async () => {
    const path = file(
      'SPY.csv',
      'Date,Open,High,Low,Close,Adj Close,Volume\n2024-01-02,472.16,473.67,470.49,472.65,465.3,123623700\n2024-01-03,470.43,471.19,468.17,468.79,461.5,103585900\n',
    );
    const raw = await collect(readCsvBars(path));
    expect(raw).toEqual([
      { symbol: 'SPY', time: Date.UTC(2024, 0, 2), open: 472.16, high: 473.67, low: 470.49, close: 472.65, volume: 123623700 },
      { symbol: 'SPY', time: Date.UTC(2024, 0, 3), open: 470.43, high: 471.19, low: 468.17, close: 468.79, volume: 103585900 },
    ]);
    const adj = await collect(readCsvBars(path, { close: 'adjusted' }));
    expect(adj[0]!.close).toBe(465.3);
    expect(adj[0]!.open).toBeCloseTo((472.16 * 465.3) / 472.65, 9);
  });

  it('reads yfinance intraday with offsets, Dividends and Stock Splits', async () => {
    const path = file(
      'yf.csv',
      'Datetime,Open,High,Low,Close,Adj Close,Volume,Dividends,Stock Splits\r\n2024-01-02 09:30:00-05:00,1,2,0.5,1.5,1.5,10,0.0,0.0\r\n',
    );
    const [bar] = await collect(readCsvBars(path, { symbol: 'X' }));
    expect(bar).toEqual({ symbol: 'X', time: Date.UTC(2024, 0, 2, 14, 30), open: 1, high: 2, low: 0.5, close: 1.5, volume: 10 });
  });

  it('reads epoch seconds and ms, semicolons, a BOM and no header', async () => {
    const s = file('s.csv', '\uFEFFtime;open;high;low;close;volume\n1704153600;1;2;0.5;1.5;10\n');
    const ms = file('ms.csv', '1704153600000,1,2,0.5,1.5,10\n1704153660000,1,2,0.5,1.5,10\n');
    expect((await collect(readCsvBars(s)))[0]!.time).toBe(Date.UTC(2024, 0, 2));
    expect((await collect(readCsvBars(ms))).map((b) => b.time)).toEqual([Date.UTC(2024, 0, 2), Date.UTC(2024, 0, 2, 0, 1)]);
  });

  it('reads naive timestamps in the given zone', async () => {
    const path = file('ny.csv', 'time,open,high,low,close,volume\n2024-07-01 09:30:00,1,2,0.5,1.5,10\n2024-01-02 09:30:00,1,2,0.5,1.5,10\n');
    const bars = await collect(readCsvBars(path, { timezone: 'America/New_York' }));
    expect(bars.map((b) => b.time)).toEqual([Date.UTC(2024, 6, 1, 13, 30), Date.UTC(2024, 0, 2, 14, 30)]);
    await expect(collect(readCsvBars(path, { timezone: 'Mars/Olympus' }))).rejects.toThrow(DataInputError);
  });

  it('keeps only the asked range', async () => {
    const path = file('r.csv', 'time,open,high,low,close\n1000,1,1,1,1\n2000,1,1,1,1\n3000,1,1,1,1\n');
    expect((await collect(readCsvBars(path, { from: 2_000_000, to: 3_000_000 }))).map((b) => b.time)).toEqual([2_000_000]);
  });

  it('names file and line of a bad row', async () => {
    const path = file('bad.csv', 'time,open,high,low,close,volume\n2024-01-02,1,2,0.5,1.5,10\n2024-01-03,1,x,0.5,1.5,10\n');
    const err = await collect(readCsvBars(path)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CsvFormatError);
    expect((err as CsvFormatError).line).toBe(3);
    expect((err as Error).message).toContain(`${path}:3: high is not a number: "x"`);
  });

  it('rejects short rows, missing columns and missing files with exit code 2', async () => {
    const short = file('short.csv', 'time,open,high,low,close\n2024-01-02,1,2\n');
    await expect(collect(readCsvBars(short))).rejects.toThrow(/short\.csv:2: expected 5 fields, found 3/);
    const noClose = file('noclose.csv', 'time,open,high,low\n');
    await expect(collect(readCsvBars(noClose))).rejects.toThrow(/has no close column/);
    const err = await collect(readCsvBars(join(dir, 'none.csv'))).catch((e: unknown) => e);
    expect((err as DataInputError).exitCode).toBe(2);
  });

  it('reads lines that straddle tiny chunks', async () => {
    const rows = Array.from({ length: 50 }, (_, i) => `${1704153600 + i * 60},${i + 1},${i + 2},${i + 0.5},${i + 1.5},${i}`);
    const path = file('chunks.csv', `time,open,high,low,close,volume\n${rows.join('\n')}`);
    const bars = await collect(readCsvBars(path, { chunkSize: 7 }));
    expect(bars).toHaveLength(50);
    expect(bars[49]).toMatchObject({ open: 50, volume: 49 });
  });
});
