import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One day of an emulated instrument. `null` fields reproduce Yahoo's gaps. */
export interface EmulatedQuote {
  /** Epoch seconds, as Yahoo sends. */
  timestamp: number;
  open: number | null;
  high: number | null;
  low: number | null;
  close: number | null;
  volume: number | null;
  adjclose?: number | null;
}

export interface YahooEmulatorOptions {
  /** Quotes per symbol; anything else answers 404 like Yahoo does for an unknown ticker. */
  symbols: Record<string, { quotes: EmulatedQuote[]; dividends?: { date: number; amount: number }[]; gmtoffset?: number; timezone?: string }>;
  /** Symbols answered with HTTP 429 (rate limited). */
  rateLimited?: string[];
  /** Symbols answered 200 with a chart whose meta lacks required fields (a changed or broken API). */
  malformed?: string[];
}

export interface YahooEmulator {
  url: string;
  /** Requests served (path and query), for asserting what the client sent. */
  requests: string[];
  close(): Promise<void>;
}

/** Yahoo's own limit on one 1-minute request, which it answers with HTTP 422. */
const MAX_1M_SPAN_S = 8 * 86_400;

function send(res: ServerResponse, status: number, body: string, type = 'application/json'): void {
  res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

function meta(symbol: string, s: YahooEmulatorOptions['symbols'][string], interval: string, first: number, last: number) {
  const gmtoffset = s.gmtoffset ?? -18000;
  const period = { timezone: 'EST', start: last, end: last + 23400, gmtoffset };
  return {
    currency: 'USD',
    symbol,
    exchangeName: 'PCX',
    fullExchangeName: 'NYSEArca',
    instrumentType: 'ETF',
    firstTradeDate: first,
    regularMarketTime: last,
    hasPrePostMarketData: true,
    gmtoffset,
    timezone: s.timezone ?? 'EST',
    exchangeTimezoneName: 'America/New_York',
    regularMarketPrice: 100,
    chartPreviousClose: 100,
    priceHint: 2,
    currentTradingPeriod: { pre: period, regular: period, post: period },
    dataGranularity: interval,
    range: '',
    validRanges: ['1d', '5d', '1mo', '3mo', '6mo', '1y', '2y', '5y', '10y', 'ytd', 'max'],
  };
}

/**
 * A loopback stand-in for Yahoo's v8 chart endpoint, answering the JSON shape yahoo-finance2
 * validates (meta, timestamp, events.dividends, indicators.quote/adjclose), so tests and demos run
 * the real client offline through RUSTYBT_YAHOO_URL.
 */
export async function startYahooEmulator(options: YahooEmulatorOptions): Promise<YahooEmulator> {
  const requests: string[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    requests.push(`${url.pathname}${url.search}`);
    const match = /^\/v8\/finance\/chart\/([^/]+)$/.exec(url.pathname);
    if (!match) return send(res, 404, 'Not Found', 'text/plain');
    const symbol = decodeURIComponent(match[1]!);
    if (options.rateLimited?.includes(symbol)) return send(res, 429, 'Too Many Requests', 'text/plain');
    if (options.malformed?.includes(symbol)) {
      return send(res, 200, JSON.stringify({ chart: { result: [{ meta: { symbol }, indicators: { quote: [{}] } }], error: null } }));
    }
    const data = options.symbols[symbol];
    if (!data) {
      return send(res, 404, JSON.stringify({ chart: { result: null, error: { code: 'Not Found', description: 'No data found, symbol may be delisted' } } }));
    }
    const p1 = Number(url.searchParams.get('period1') ?? 0);
    const p2 = Number(url.searchParams.get('period2') ?? Number.MAX_SAFE_INTEGER);
    const interval = url.searchParams.get('interval') ?? '1d';
    if (interval === '1m' && p2 - p1 > MAX_1M_SPAN_S) {
      return send(
        res,
        422,
        JSON.stringify({
          chart: {
            result: null,
            error: { code: 'Unprocessable Entity', description: 'Only 8 days worth of 1m granularity data are allowed to be fetched per request.' },
          },
        }),
      );
    }
    const quotes = data.quotes.filter((q) => q.timestamp >= p1 && q.timestamp < p2);
    const first = data.quotes[0]?.timestamp ?? p1;
    const last = data.quotes.at(-1)?.timestamp ?? p2;
    const dividends = Object.fromEntries((data.dividends ?? []).filter((d) => d.date >= p1 && d.date < p2).map((d) => [String(d.date), d]));
    const result = {
      meta: meta(symbol, data, interval, first, last),
      ...(quotes.length > 0 ? { timestamp: quotes.map((q) => q.timestamp) } : {}),
      ...(Object.keys(dividends).length > 0 ? { events: { dividends } } : {}),
      indicators: {
        quote: [
          quotes.length > 0
            ? {
                open: quotes.map((q) => q.open),
                high: quotes.map((q) => q.high),
                low: quotes.map((q) => q.low),
                close: quotes.map((q) => q.close),
                volume: quotes.map((q) => q.volume),
              }
            : {},
        ],
        ...(quotes.length > 0 ? { adjclose: [{ adjclose: quotes.map((q) => q.adjclose ?? q.close) }] } : {}),
      },
    };
    send(res, 200, JSON.stringify({ chart: { result: [result], error: null } }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
