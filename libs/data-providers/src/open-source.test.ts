import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { firstValueFrom, toArray } from 'rxjs';
import { afterAll, describe, expect, it } from 'vitest';
import { DataInputError } from './errors';
import { openSource } from './open-source';
import { parseSourceSpec } from './spec';
import { collect, tempDir } from './test-support';

const { dir, cleanup } = tempDir();
afterAll(cleanup);
const csv = join(dir, 'SPY.csv');
writeFileSync(csv, 'Date,Open,High,Low,Close,Adj Close,Volume\n2024-01-02,1,2,0.5,1.5,1.4,10\n2024-01-03,1,2,0.5,1.5,1.4,10\n2024-01-04,1,2,0.5,1.5,1.4,10\n');
const unsorted = join(dir, 'BAD.csv');
writeFileSync(unsorted, 'time,open,high,low,close\n2024-01-03,1,2,0.5,1.5\n2024-01-02,1,2,0.5,1.5\n');

describe('parseSourceSpec', () => {
  it('parses every kind', () => {
    expect(parseSourceSpec('csv:data/a:b.csv')).toEqual({ kind: 'csv', path: 'data/a:b.csv' });
    expect(parseSourceSpec('sim')).toEqual({ kind: 'sim' });
    expect(parseSourceSpec('yahoo')).toEqual({ kind: 'yahoo' });
    expect(parseSourceSpec('ccxt:binance')).toEqual({ kind: 'ccxt', exchange: 'binance' });
    expect(parseSourceSpec('replay:csv:x.csv')).toEqual({ kind: 'replay', inner: { kind: 'csv', path: 'x.csv' } });
  });

  it.each(['', 'nope', 'csv:', 'ccxt:', 'ccxt:Bin ance', 'sim:1', 'replay:replay:sim'])('rejects %j with exit code 2', (spec) => {
    const err = (() => {
      try {
        parseSourceSpec(spec);
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(DataInputError);
    expect((err as DataInputError).exitCode).toBe(2);
    expect((err as Error).message).toMatch(/^bad source .*Use csv:<file-or-dir>, sim/);
  });
});

describe('openSource', () => {
  it('reads a csv file or a folder of <SYMBOL>.csv', async () => {
    const viaFile = await collect(openSource(`csv:${csv}`).bars('SPY', { interval: '1d' }));
    const viaDir = await collect(openSource(`csv:${dir}`).bars('SPY', { interval: '1d', from: Date.UTC(2024, 0, 3) }));
    expect(viaFile).toHaveLength(3);
    expect(viaDir.map((b) => b.time)).toEqual([Date.UTC(2024, 0, 3), Date.UTC(2024, 0, 4)]);
    expect(() => openSource(`csv:${join(dir, 'missing.csv')}`)).toThrow(/CSV file not found: .*missing\.csv\. Check the path/);
    expect(() => openSource(`csv:${dir}`).bars('QQQ', { interval: '1d' })[Symbol.asyncIterator]().next()).toThrow(/no CSV for QQQ/);
  });

  it('enforces increasing time unless asked for source order', async () => {
    await expect(collect(openSource(`csv:${unsorted}`).bars('BAD', { interval: '1d' }))).rejects.toThrow(/not in strictly increasing time order/);
    expect(await collect(openSource(`csv:${unsorted}`, { strictOrder: false }).bars('BAD', { interval: '1d' }))).toHaveLength(2);
  });

  it('reads a csv as columns too, with the same order check and message; other sources have none', async () => {
    const times = async (source: ReturnType<typeof openSource>, symbol: string, from?: number) => {
      const out: number[] = [];
      for await (const c of source.columns!(symbol, { interval: '1d', ...(from ? { from } : {}) })) out.push(...c.time.subarray(0, c.length));
      return out;
    };
    expect(await times(openSource(`csv:${dir}`, { close: 'adjusted' }), 'SPY', Date.UTC(2024, 0, 3))).toEqual([Date.UTC(2024, 0, 3), Date.UTC(2024, 0, 4)]);
    const viaBars = await collect(openSource(`csv:${unsorted}`).bars('BAD', { interval: '1d' })).catch((e: Error) => e.message);
    await expect(times(openSource(`csv:${unsorted}`), 'BAD')).rejects.toThrow(viaBars as string);
    expect(await times(openSource(`csv:${unsorted}`, { strictOrder: false }), 'BAD')).toEqual([Date.UTC(2024, 0, 3), Date.UTC(2024, 0, 2)]);
    expect(openSource('sim').columns).toBeUndefined();
  });

  it('replays a csv as a stream at a speed factor', async () => {
    const src = openSource(`replay:csv:${csv}`, { speed: 86_400_000 / 10 });
    const t0 = Date.now();
    const bars = await firstValueFrom(src.stream('SPY', '1d').pipe(toArray()));
    expect(bars.map((b) => b.time)).toEqual([2, 3, 4].map((d) => Date.UTC(2024, 0, d)));
    expect(Date.now() - t0).toBeGreaterThanOrEqual(18);
  });

  it('gives sim history and a live sim stream', async () => {
    const src = openSource('sim', { sim: { seed: 5 }, speed: Infinity, liveStart: 0 });
    expect(await collect(src.bars('X', { interval: '1d', from: Date.UTC(2020, 0, 1), to: Date.UTC(2020, 0, 11) }))).toHaveLength(10);
    const live = await new Promise<number[]>((resolve) => {
      const seen: number[] = [];
      const sub = src.stream('X', '1m').subscribe((b) => {
        seen.push(b.time);
        if (seen.length === 3) {
          sub.unsubscribe();
          resolve(seen);
        }
      });
    });
    expect(live).toEqual([0, 60_000, 120_000]);
    expect(() => openSource('sim', { sim: { startPrice: -1 } })).toThrow(/start price/);
    expect(() => openSource('sim', { speed: -2 })).toThrow(/speed -2/);
  });
});
