import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Bar, BarQuery } from '@rustybt/engine';
import { afterAll, describe, expect, it } from 'vitest';
import { collectBatches, tempDir } from '../test-support';
import { cachedBatches, symbolFolder } from './bar-cache';
import { decodeBarFile, encodeBarFile } from './bar-file';

const { dir, cleanup } = tempDir();
afterAll(cleanup);

const bars: Bar[] = Array.from({ length: 10 }, (_, i) => ({
  symbol: 'BTC/USDT',
  time: i * 60_000,
  open: 1 + i,
  high: 2 + i,
  low: 0.5,
  close: 1.5 + i / 3,
  volume: i * 0.1,
}));

function countingSource() {
  const calls: BarQuery[] = [];
  const fn = async function* (_symbol: string, query: BarQuery) {
    calls.push(query);
    yield bars.filter((b) => b.time >= (query.from ?? 0) && b.time < (query.to ?? Infinity));
  };
  return { calls, fn };
}

describe('bar file', () => {
  it('round-trips bars bit for bit and rejects damage', () => {
    const data = encodeBarFile(bars, { symbol: 'BTC/USDT', interval: '1m', from: 0, to: 600_000 });
    expect(data.length).toBeLessThan(12 + 300 + bars.length * 48);
    expect(decodeBarFile(data)!.bars).toEqual(bars);
    const damaged = Buffer.from(data);
    damaged[damaged.length - 3]! ^= 0xff;
    expect(decodeBarFile(damaged)).toBeUndefined();
    expect(decodeBarFile(data.subarray(0, data.length - 8))).toBeUndefined();
    expect(decodeBarFile(Buffer.from('nonsense'))).toBeUndefined();
  });
});

describe('cachedBatches', () => {
  it('serves a second request and any sub-range from disk', async () => {
    const { calls, fn } = countingSource();
    const notices: string[] = [];
    const cached = cachedBatches(fn, { dir, source: 'ccxt-test', onNotice: (n) => notices.push(n) });
    const q = { interval: '1m' as const, from: 0, to: 600_000 };
    expect(await collectBatches(cached('BTC/USDT', q))).toEqual(bars);
    expect(await collectBatches(cached('BTC/USDT', q))).toEqual(bars);
    expect(await collectBatches(cached('BTC/USDT', { ...q, from: 120_000, to: 300_000 }))).toEqual(bars.slice(2, 5));
    expect(calls).toHaveLength(1);
    expect(readdirSync(join(dir, 'ccxt-test', 'BTC-USDT', '1m'))).toEqual(['0_600000.bars']);
    expect(notices[0]).toMatch(/stored 10 bar\(s\)/);
    expect(notices[1]).toMatch(/served BTC\/USDT 1m from/);
  });

  it('downloads again when the stored file is damaged, and never caches open ranges', async () => {
    const { calls, fn } = countingSource();
    const cached = cachedBatches(fn, { dir, source: 'damaged', now: () => 1_000_000 });
    const q = { interval: '1m' as const, from: 0, to: 600_000 };
    await collectBatches(cached('X', q));
    const file = join(dir, 'damaged', 'X', '1m', '0_600000.bars');
    const data = readFileSync(file);
    data[data.length - 1]! ^= 1;
    writeFileSync(file, data);
    expect(await collectBatches(cached('X', q))).toEqual(bars.map((b) => ({ ...b })));
    expect(calls).toHaveLength(2);
    await collectBatches(cached('X', { interval: '1m', from: 0, to: 2_000_000 }));
    await collectBatches(cached('X', { interval: '1m', from: 0, to: 2_000_000 }));
    expect(calls).toHaveLength(4);
  });

  it('makes safe folder names', () => {
    expect(symbolFolder('BTC/USDT')).toBe('BTC-USDT');
    expect(symbolFolder('^GSPC')).toBe('^GSPC');
    expect(symbolFolder('../x')).toBe('%2E.-x');
    expect(symbolFolder('..')).toBe('%2E.');
    expect(symbolFolder('a b')).toBe('a%20b');
  });
});
