import { startExchangeSim, type ExchangeSim } from '@rustybt/exchange-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataInputError, SourceUnavailableError } from '../src/errors';
import { openSource } from '../src/open-source';
import { collect } from '../src/test-support';

let venue: ExchangeSim;
beforeAll(async () => {
  venue = await startExchangeSim({ dialect: 'both', seed: 11 });
});
afterAll(() => venue.close());

const MIN = 60_000;
const klineRequests = () => venue.requests.filter((r) => r.path.includes('klines') || r.path.includes('kline')).length;

describe('ccxt source through the loopback exchange emulator', () => {
  it('pages through a long range with fetchOHLCV and returns closed bars in order', async () => {
    const to = Math.floor(Date.now() / MIN) * MIN - 10 * MIN;
    const from = to - 2500 * MIN;
    const before = klineRequests();
    const notices: string[] = [];
    const bars = await collect(
      openSource('ccxt:binance', { apiUrl: venue.url, onNotice: (n) => notices.push(n) }).bars('BTC/USDT', { interval: '1m', from, to }),
    );
    expect(bars).toHaveLength(2500);
    expect(bars[0]!.time).toBe(from);
    expect(bars.at(-1)!.time).toBe(to - MIN);
    for (let i = 1; i < bars.length; i++) expect(bars[i]!.time - bars[i - 1]!.time).toBe(MIN);
    expect(bars.every((b) => b.symbol === 'BTC/USDT' && b.low <= b.high && b.close > 0)).toBe(true);
    expect(klineRequests() - before).toBe(3);
    expect(notices.join()).toMatch(/3 request\(s\), rate limit 50 ms/);
  });

  it('works with another dialect (bybit) and small pages', async () => {
    const to = Math.floor(Date.now() / 3_600_000) * 3_600_000;
    const bars = await collect(
      openSource('ccxt:bybit', { apiUrl: venue.url, pageLimit: 50 }).bars('ETH/USDT', { interval: '1h', from: to - 120 * 3_600_000, to }),
    );
    expect(bars).toHaveLength(120);
  });

  it('turns venue failures into clear errors', async () => {
    const src = openSource('ccxt:binance', { apiUrl: venue.url });
    await expect(collect(src.bars('DOGE/EUR', { interval: '1m' }))).rejects.toThrow(DataInputError);
    venue.inject({ kind: 'rate_limit', path: 'klines', times: 1 });
    const limited = await collect(src.bars('BTC/USDT', { interval: '1m' })).catch((e: unknown) => e);
    expect(limited).toBeInstanceOf(SourceUnavailableError);
    expect((limited as Error).message).toMatch(/^binance is rate limiting requests/);
    venue.inject({ kind: 'server_error', path: 'klines', times: 1, status: 503 });
    expect(await collect(src.bars('BTC/USDT', { interval: '1m' })).catch((e: unknown) => (e as Error).message)).toMatch(/binance/);
    await expect(collect(openSource('ccxt:nosuchvenue', { apiUrl: venue.url }).bars('BTC/USDT', { interval: '1m' }))).rejects.toThrow(
      /ccxt has no exchange 'nosuchvenue'/,
    );
  });
});

describe('ccxt live stream', () => {
  it('emits the last closed bar at once, the same bar history has', async () => {
    const src = openSource('ccxt:binance', { apiUrl: venue.url, pollMs: 50 });
    const live = await new Promise<{ time: number; close: number }[]>((resolve, reject) => {
      const seen: { time: number; close: number }[] = [];
      const sub = src.stream('BTC/USDT', '1m').subscribe({
        next: (b) => {
          seen.push(b);
          setTimeout(() => {
            sub.unsubscribe();
            resolve(seen);
          }, 200);
        },
        error: reject,
      });
    });
    const closedOpen = Math.floor(Date.now() / MIN) * MIN - MIN;
    expect(live[0]!.time).toBeGreaterThanOrEqual(closedOpen - MIN);
    expect(live.every((b, i) => i === 0 || b.time > live[i - 1]!.time)).toBe(true);
    const [history] = await collect(src.bars('BTC/USDT', { interval: '1m', from: live[0]!.time, to: live[0]!.time + MIN }));
    expect(history).toMatchObject({ time: live[0]!.time, close: live[0]!.close });
  });

  it('ends with a clear error when the venue fails', async () => {
    venue.inject({ kind: 'server_error', path: 'klines', times: 1, status: 502 });
    const src = openSource('ccxt:binance', { apiUrl: venue.url, pollMs: 50 });
    const err = await new Promise<unknown>((resolve) => src.stream('BTC/USDT', '1m').subscribe({ error: resolve }));
    expect(err).toBeInstanceOf(SourceUnavailableError);
  });
});
