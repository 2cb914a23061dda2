import { INTERVAL_MS, type Bar, type BarQuery } from '@rustybt/engine';
import { DataInputError, SourceUnavailableError } from '../errors';

export interface CcxtOptions {
  /** Base URL replacing the venue's API hosts (self-hosted proxies, testnets, the loopback emulator). */
  apiUrl?: string;
  /** Per-request timeout. Default 10 s. */
  timeoutMs?: number;
  /** Bars asked per request. Default 1000 (venues cap it lower themselves where they must). */
  pageLimit?: number;
  /** Wait between requests as the venue asks (ccxt's throttle). Default true. */
  enableRateLimit?: boolean;
  onNotice?: (text: string) => void;
}

const DEFAULT_BARS = 1000;

// ccxt's module type is large; the handful of members used here are typed by hand.
interface CcxtExchange {
  id: string;
  urls: { api: unknown };
  has: Record<string, unknown>;
  timeframes: Record<string, unknown> | undefined;
  rateLimit: number;
  loadMarkets(): Promise<unknown>;
  fetchOHLCV(symbol: string, timeframe: string, since?: number, limit?: number): Promise<number[][]>;
  market(symbol: string): { symbol: string };
}
type CcxtModule = Record<string, unknown> & { exchanges: string[] };

function rehost(api: unknown, base: string): unknown {
  if (typeof api === 'string') return api.replace(/^https?:\/\/[^/]+/, base);
  if (api && typeof api === 'object') return Object.fromEntries(Object.entries(api).map(([k, v]) => [k, rehost(v, base)]));
  return api;
}

async function loadCcxt(): Promise<CcxtModule> {
  const mod = (await import('ccxt')) as unknown as { default?: CcxtModule } & CcxtModule;
  return mod.default ?? mod;
}

/** Opens a venue through ccxt (imported only here), pointed at `apiUrl` when given. */
export async function openExchange(exchangeId: string, options: CcxtOptions): Promise<{ ccxt: CcxtModule; exchange: CcxtExchange }> {
  const ccxt = await loadCcxt();
  const Exchange = ccxt[exchangeId] as (new (config: object) => CcxtExchange) | undefined;
  if (!ccxt.exchanges.includes(exchangeId) || typeof Exchange !== 'function') {
    const near = ccxt.exchanges.filter((id) => id.startsWith(exchangeId.slice(0, 3))).slice(0, 5);
    throw new DataInputError(
      `ccxt has no exchange '${exchangeId}'. Use an id such as binance, bybit, kraken${near.length > 0 ? ` (close: ${near.join(', ')})` : ''}`,
    );
  }
  const override = options.apiUrl?.replace(/\/+$/, '');
  const exchange = new Exchange({
    enableRateLimit: options.enableRateLimit ?? true,
    timeout: options.timeoutMs ?? 10_000,
    // A self-hosted endpoint serves spot only: skip the venue's other market families and currencies.
    ...(override ? { options: { fetchMarkets: { types: ['spot'] }, fetchCurrencies: false, fetchMargins: false } } : {}),
  });
  if (override) {
    exchange.urls.api = rehost(exchange.urls.api, override);
    exchange.has.fetchCurrencies = false;
  }
  return { ccxt, exchange };
}

/** Turns ccxt's error classes into ours: a bad symbol is the user's, anything else the venue's. */
export function ccxtError(ccxt: CcxtModule, exchangeId: string, err: unknown, hint: string): Error {
  const is = (name: string) => typeof ccxt[name] === 'function' && err instanceof (ccxt[name] as new () => Error);
  const text = (err as Error)?.message?.replace(/\s+/g, ' ').slice(0, 160) ?? String(err);
  if (err instanceof DataInputError) return err;
  if (is('BadSymbol')) return new DataInputError(`${exchangeId} does not list that symbol (${text}). Use the unified form, e.g. BTC/USDT`);
  if (is('RateLimitExceeded') || is('DDoSProtection'))
    return new SourceUnavailableError(
      `ccxt:${exchangeId}`,
      `${exchangeId} is rate limiting requests (${text}). Wait a minute and retry; fetched ranges are served from the cache`,
      { cause: err },
    );
  if (is('RequestTimeout'))
    return new SourceUnavailableError(`ccxt:${exchangeId}`, `${exchangeId} did not answer in time. Check the network${hint}`, { cause: err });
  if (is('NetworkError'))
    return new SourceUnavailableError(`ccxt:${exchangeId}`, `cannot reach ${exchangeId} (${text}). Check the network${hint}`, { cause: err });
  if (is('AuthenticationError'))
    return new SourceUnavailableError(
      `ccxt:${exchangeId}`,
      `${exchangeId} refused the request as unauthenticated (${text}). Market data should need no key: check --api-url`,
      { cause: err },
    );
  return new SourceUnavailableError(`ccxt:${exchangeId}`, `${exchangeId} answered an error (${(err as Error)?.name ?? 'Error'}: ${text}). Retry later${hint}`, {
    cause: err,
  });
}

/**
 * Closed bars of [from, to) by fetchOHLCV, page after page (each page starts one interval after
 * the last bar received), with ccxt's rate limiter spacing the requests.
 */
export async function* ccxtBars(exchangeId: string, symbol: string, query: BarQuery, options: CcxtOptions = {}): AsyncGenerator<Bar[]> {
  const { ccxt, exchange } = await openExchange(exchangeId, options);
  const hint = options.apiUrl ? ` and that ${options.apiUrl} is up` : ', or pass --api-url for a proxy';
  const step = INTERVAL_MS[query.interval];
  if (exchange.timeframes && !(query.interval in exchange.timeframes)) {
    throw new DataInputError(`${exchangeId} has no ${query.interval} bars. Use one of ${Object.keys(exchange.timeframes).join(', ')}`);
  }
  const now = Date.now();
  const to = Math.min(query.to ?? now, Math.floor(now / step) * step);
  let since = query.from ?? to - DEFAULT_BARS * step;
  const limit = options.pageLimit ?? 1000;
  let unified = symbol;
  try {
    await exchange.loadMarkets();
    unified = exchange.market(symbol).symbol;
  } catch (err) {
    throw ccxtError(ccxt, exchangeId, err, hint);
  }
  let pages = 0;
  while (since < to) {
    let rows: number[][];
    try {
      rows = await exchange.fetchOHLCV(unified, query.interval, since, limit);
    } catch (err) {
      throw ccxtError(ccxt, exchangeId, err, hint);
    }
    pages++;
    const batch: Bar[] = [];
    let last = -Infinity;
    for (const [time, open, high, low, close, volume] of rows) {
      if (time === undefined || time < since || time >= to) continue;
      batch.push({ symbol, time, open: open!, high: high!, low: low!, close: close!, volume: volume ?? 0 });
      last = time;
    }
    if (batch.length > 0) yield batch;
    if (last === -Infinity) break;
    since = last + step;
  }
  options.onNotice?.(`ccxt:${exchangeId}: ${pages} request(s), rate limit ${exchange.rateLimit} ms`);
}
