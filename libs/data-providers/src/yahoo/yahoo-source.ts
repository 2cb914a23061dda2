import type { Bar, BarQuery, Interval } from '@rustybt/engine';
import { DataInputError, SourceUnavailableError } from '../errors';
import { DAY_MS as DAY } from '@rustybt/core';

export interface YahooOptions {
  /** Replaces https://query1/2.finance.yahoo.com (RUSTYBT_YAHOO_URL, config yahooUrl). */
  baseUrl?: string;
  /** Per-request timeout. Default 15 s. */
  timeoutMs?: number;
  /** `adjusted` takes adjclose and scales open/high/low by the same factor. Default raw. */
  close?: 'raw' | 'adjusted';
  onNotice?: (text: string) => void;
}

const YAHOO_INTERVAL: Partial<Record<Interval, string>> = { '1m': '1m', '5m': '5m', '15m': '15m', '30m': '30m', '1h': '1h', '1d': '1d', '1w': '1wk' };
const DEFAULT_SPAN = 365 * DAY;

interface ChartQuote {
  date: Date;
  open?: number | null;
  high?: number | null;
  low?: number | null;
  close?: number | null;
  volume?: number | null;
  adjclose?: number | null;
}

type Fetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/**
 * Our own fetch for yahoo-finance2: sends to the override host and turns HTTP failures into our
 * errors before the library sees them (it would print the URL to stderr and throw a bare HTTPError).
 */
function yahooFetch(symbol: string, options: YahooOptions): Fetch {
  const base = options.baseUrl?.replace(/\/+$/, '');
  const timeout = options.timeoutMs ?? 15_000;
  return async (input, init) => {
    const original = input instanceof Request ? input.url : String(input);
    const target = base ? original.replace(/^https?:\/\/[^/]+/, base) : original;
    const host = new URL(target).host;
    let res: Response;
    try {
      res = await fetch(target, { ...init, signal: AbortSignal.timeout(timeout) });
    } catch (err) {
      const cause = networkCause(err);
      throw new SourceUnavailableError('yahoo', `cannot reach Yahoo at ${host} (${cause}). Check the network, or set RUSTYBT_YAHOO_URL to a reachable proxy`, {
        cause: err,
      });
    }
    if (res.status === 404) {
      throw new DataInputError(`Yahoo has no data for symbol '${symbol}' (HTTP 404). Check the ticker (e.g. SPY, AAPL, BTC-USD)`);
    }
    if (res.status === 429) {
      throw new SourceUnavailableError(
        'yahoo',
        'Yahoo is rate limiting requests (HTTP 429). Wait a few minutes and retry; ranges already fetched are served from the cache',
      );
    }
    if (!res.ok) {
      throw new SourceUnavailableError('yahoo', `Yahoo answered HTTP ${res.status} for ${symbol}. Retry later, or check RUSTYBT_YAHOO_URL if you use a proxy`);
    }
    return res;
  };
}

/** The deepest useful reason of a fetch failure (undici nests it: TypeError -> cause -> errors[]). */
export function networkCause(err: unknown): string {
  let e = err as { code?: string; cause?: unknown; errors?: unknown[]; message?: string; name?: string } | undefined;
  for (let depth = 0; e && depth < 5; depth++) {
    if (typeof e.code === 'string') return e.code;
    if (e.name === 'TimeoutError') return 'timed out';
    e = (e.cause ?? e.errors?.[0]) as typeof e;
  }
  return (err as Error)?.message ?? String(err);
}

const silentLogger = { info() {}, warn() {}, error() {}, debug() {}, dir() {} };

/**
 * Yahoo refuses a 1-minute request spanning more than 8 days (HTTP 422): such ranges go as 7-day
 * requests, one after another. Other intervals have no per-request limit short of their lookback.
 */
const MAX_REQUEST_SPAN: Partial<Record<Interval, number>> = { '1m': 7 * DAY };

type ChartResult = { meta: { gmtoffset?: number | null }; quotes: ChartQuote[]; events?: { dividends?: unknown[] } };

/** Bars of one symbol from Yahoo's chart API through yahoo-finance2 (imported only when used). */
export async function* yahooBars(symbol: string, query: BarQuery, options: YahooOptions = {}): AsyncGenerator<Bar[]> {
  const interval = YAHOO_INTERVAL[query.interval];
  if (!interval) throw new DataInputError(`Yahoo has no ${query.interval} bars. Use one of ${Object.keys(YAHOO_INTERVAL).join(', ')}`);
  const to = query.to ?? Date.now();
  const from = query.from ?? to - DEFAULT_SPAN;
  if (!(from < to))
    throw new DataInputError(`empty range: start ${new Date(from).toISOString()} is not before end ${new Date(to).toISOString()}. Give --start before --end`);
  const [{ default: YahooFinance }, { ExtendedCookieJar }] = await Promise.all([import('yahoo-finance2'), import('yahoo-finance2/lib/cookieJar')]);
  const yf = new YahooFinance({
    fetch: yahooFetch(symbol, options),
    cookieJar: new ExtendedCookieJar(),
    versionCheck: false,
    suppressNotices: ['yahooSurvey', 'ripHistorical'],
    logger: silentLogger,
  } as ConstructorParameters<typeof YahooFinance>[0]);
  const chart = async (a: number, b: number): Promise<ChartResult> => {
    try {
      return (await yf.chart(symbol, {
        period1: Math.floor(a / 1000),
        period2: Math.ceil(b / 1000),
        interval: interval as '1d',
        events: 'div|split',
      })) as ChartResult;
    } catch (err) {
      if (err instanceof DataInputError || err instanceof SourceUnavailableError) throw err;
      const name = (err as Error).name;
      if (name === 'NotFoundError') throw new DataInputError(`Yahoo has no data for symbol '${symbol}'. Check the ticker (e.g. SPY, AAPL, BTC-USD)`);
      throw new SourceUnavailableError(
        'yahoo',
        `Yahoo answered something unexpected for ${symbol} (${name}: ${(err as Error).message.slice(0, 160)}). Retry later, or check RUSTYBT_YAHOO_URL`,
        { cause: err },
      );
    }
  };
  const adjusted = options.close === 'adjusted';
  // Daily and weekly bars are stamped at 00:00 UTC of the exchange's date (as in CSV exports),
  // not at the session open Yahoo uses, so every source agrees on what a daily bar's time is.
  const dayStamp = query.interval === '1d' || query.interval === '1w';
  const span = MAX_REQUEST_SPAN[query.interval] ?? to - from;
  let skipped = 0;
  let dividends = 0;
  for (let a = from; a < to; a += span) {
    const b = Math.min(to, a + span);
    const result = await chart(a, b);
    const offsetMs = (result.meta.gmtoffset ?? 0) * 1000;
    const bars: Bar[] = [];
    for (const q of result.quotes) {
      const { open, high, low, close } = q;
      if (open == null || high == null || low == null || close == null) {
        skipped++;
        continue;
      }
      const raw = q.date.getTime();
      const time = dayStamp ? Math.floor((raw + offsetMs) / DAY) * DAY : raw;
      // Each request keeps only its own part of the range, so bars at a boundary come once.
      if (time < a || time >= b) continue;
      const k = adjusted && q.adjclose != null && close !== 0 ? q.adjclose / close : 1;
      bars.push({ symbol, time, open: open * k, high: high * k, low: low * k, close: k === 1 ? close : q.adjclose!, volume: q.volume ?? 0 });
    }
    dividends += result.events?.dividends?.length ?? 0;
    if (bars.length > 0) yield bars;
  }
  if (skipped > 0) options.onNotice?.(`yahoo: skipped ${skipped} ${symbol} row(s) with null prices`);
  if (dividends > 0)
    options.onNotice?.(
      `yahoo: ${dividends} dividend(s) in range; ${adjusted ? 'prices adjusted (adjclose)' : 'raw prices (use --close adjusted for total-return prices)'}`,
    );
}
