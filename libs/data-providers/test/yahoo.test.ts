import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataInputError, SourceUnavailableError } from '../src/errors';
import { openSource } from '../src/open-source';
import { collect } from '../src/test-support';
import { startYahooEmulator, type EmulatedQuote, type YahooEmulator } from '../src/yahoo/yahoo-emulator';

// Daily SPY quotes stamped at the 09:30 New York open, as Yahoo sends them.
const open930 = (d: number) => Date.UTC(2024, 0, d, 14, 30) / 1000;
const quotes: EmulatedQuote[] = [
  { timestamp: open930(2), open: 472.16, high: 473.67, low: 470.49, close: 472.65, volume: 123623700, adjclose: 465.3 },
  { timestamp: open930(3), open: 470.43, high: 471.19, low: 468.17, close: 468.79, volume: 103585900, adjclose: 461.5 },
  { timestamp: open930(4), open: null, high: null, low: null, close: null, volume: null, adjclose: null },
  { timestamp: open930(5), open: 467.49, high: 470.44, low: 466.43, close: 467.92, volume: null, adjclose: 460.64 },
];

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}

// 20 days of minute bars, one every 30 minutes (the source does not care how dense they are).
const MINUTES_FROM = Date.UTC(2024, 2, 1);
const minuteQuotes: EmulatedQuote[] = Array.from({ length: 20 * 48 }, (_, i) => {
  const p = 100 + i / 100;
  return { timestamp: (MINUTES_FROM + i * 1_800_000) / 1000, open: p, high: p + 0.5, low: p - 0.5, close: p + 0.1, volume: 10 };
});

let yahoo: YahooEmulator;
beforeAll(async () => {
  yahoo = await startYahooEmulator({
    symbols: { SPY: { quotes, dividends: [{ date: open930(3), amount: 1.9 }] }, QQQ: { quotes: minuteQuotes } },
    rateLimited: ['BUSY'],
    malformed: ['ODD'],
  });
});
afterAll(() => yahoo.close());

const range = { interval: '1d' as const, from: Date.UTC(2024, 0, 1), to: Date.UTC(2024, 0, 8) };

describe('yahoo source through the real yahoo-finance2 client', () => {
  it('reads bars, skips null rows, stamps daily bars at 00:00 UTC of the exchange date', async () => {
    const notices: string[] = [];
    const bars = await collect(openSource('yahoo', { yahooUrl: yahoo.url, onNotice: (n) => notices.push(n) }).bars('SPY', range));
    expect(bars).toEqual([
      { symbol: 'SPY', time: Date.UTC(2024, 0, 2), open: 472.16, high: 473.67, low: 470.49, close: 472.65, volume: 123623700 },
      { symbol: 'SPY', time: Date.UTC(2024, 0, 3), open: 470.43, high: 471.19, low: 468.17, close: 468.79, volume: 103585900 },
      { symbol: 'SPY', time: Date.UTC(2024, 0, 5), open: 467.49, high: 470.44, low: 466.43, close: 467.92, volume: 0 },
    ]);
    expect(notices.join('\n')).toMatch(/skipped 1 SPY row\(s\) with null prices/);
    expect(notices.join('\n')).toMatch(/1 dividend\(s\) in range/);
    const req = yahoo.requests.at(-1)!;
    expect(req).toContain('/v8/finance/chart/SPY?');
    expect(req).toContain(`period1=${range.from / 1000}`);
    expect(req).toContain('interval=1d');
  });

  it('reads a 20-day range of 1-minute bars in requests of at most 7 days, each bar once', async () => {
    const to = MINUTES_FROM + 20 * 86_400_000;
    // One request for the whole range is what Yahoo refuses (HTTP 422): the source must not send it.
    const whole = await fetch(`${yahoo.url}/v8/finance/chart/QQQ?period1=${MINUTES_FROM / 1000}&period2=${to / 1000}&interval=1m`);
    expect(whole.status).toBe(422);
    const before = yahoo.requests.length;
    const bars = await collect(openSource('yahoo', { yahooUrl: yahoo.url, cache: false }).bars('QQQ', { interval: '1m', from: MINUTES_FROM, to }));
    expect(bars.map((b) => b.time)).toEqual(minuteQuotes.map((q) => q.timestamp * 1000));
    const spans = yahoo.requests
      .slice(before)
      .filter((r) => r.includes('/QQQ?'))
      .map((r) => {
        const q = new URL(r, 'http://x').searchParams;
        return Number(q.get('period2')) - Number(q.get('period1'));
      });
    expect(spans).toEqual([7 * 86_400, 7 * 86_400, 6 * 86_400]);
  });

  it('gives adjusted prices on request', async () => {
    const [first] = await collect(openSource('yahoo', { yahooUrl: yahoo.url, close: 'adjusted' }).bars('SPY', range));
    expect(first!.close).toBe(465.3);
    expect(first!.high).toBeCloseTo((473.67 * 465.3) / 472.65, 9);
  });

  it('reports an unknown symbol as a usage error (exit 2)', async () => {
    const err = await collect(openSource('yahoo', { yahooUrl: yahoo.url }).bars('NOPE', range)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DataInputError);
    expect((err as Error).message).toBe("Yahoo has no data for symbol 'NOPE' (HTTP 404). Check the ticker (e.g. SPY, AAPL, BTC-USD)");
  });

  it('reports 429 and an unreachable host as the source failing (exit 1)', async () => {
    const busy = await collect(openSource('yahoo', { yahooUrl: yahoo.url }).bars('BUSY', range)).catch((e: unknown) => e);
    expect(busy).toBeInstanceOf(SourceUnavailableError);
    expect((busy as Error).message).toMatch(/rate limiting requests \(HTTP 429\)\. Wait a few minutes/);
    const closed = await closedPort();
    const down = await collect(openSource('yahoo', { yahooUrl: `http://127.0.0.1:${closed}` }).bars('SPY', range)).catch((e: unknown) => e);
    expect(down).toBeInstanceOf(SourceUnavailableError);
    expect((down as SourceUnavailableError).exitCode).toBe(1);
    expect((down as Error).message).toMatch(/^cannot reach Yahoo at 127\.0\.0\.1:\d+ \(ECONNREFUSED\)\. Check the network, or set RUSTYBT_YAHOO_URL/);
  });

  it('reports an answer of the wrong shape as the source failing', async () => {
    const err = await collect(openSource('yahoo', { yahooUrl: yahoo.url }).bars('ODD', range)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SourceUnavailableError);
    expect((err as Error).message).toMatch(
      /^Yahoo answered something unexpected for ODD \(FailedYahooValidationError: .*\)\. Retry later, or check RUSTYBT_YAHOO_URL$/,
    );
  });

  it('rejects intervals Yahoo does not have and a bad override URL', async () => {
    await expect(collect(openSource('yahoo', { yahooUrl: yahoo.url }).bars('SPY', { interval: '4h' }))).rejects.toThrow(/Yahoo has no 4h bars/);
    expect(() => openSource('yahoo', { yahooUrl: 'ftp://x' })).toThrow(/RUSTYBT_YAHOO_URL 'ftp:\/\/x' is not an http\(s\) URL/);
  });
});

describe('yahoo with the cache', () => {
  it('serves the second request from disk, and --no-cache goes to the network', async () => {
    const { tempDir } = await import('../src/test-support');
    const { dir, cleanup } = tempDir();
    try {
      const before = yahoo.requests.length;
      const first = await collect(openSource('yahoo', { yahooUrl: yahoo.url, cacheDir: dir }).bars('SPY', range));
      const second = await collect(openSource('yahoo', { yahooUrl: yahoo.url, cacheDir: dir }).bars('SPY', range));
      expect(second).toEqual(first);
      expect(yahoo.requests.length - before).toBe(1);
      await collect(openSource('yahoo', { yahooUrl: yahoo.url, cacheDir: dir, cache: false }).bars('SPY', range));
      expect(yahoo.requests.length - before).toBe(2);
    } finally {
      cleanup();
    }
  });
});
