import type { Credentials } from './credentials';
import type { CcxtModule, Exchange } from './ccxt-types';
import type { VenueProfile } from './venue-profiles';
import { bufferedFetch } from './buffered-fetch';

export interface ExchangeSetup {
  exchangeId: string;
  credentials?: Credentials | undefined;
  testnet: boolean;
  apiUrl?: string | undefined;
  timeoutMs: number;
  enableRateLimit: boolean;
  profile: VenueProfile;
  recvWindowMs?: number | undefined;
  /** Aborted when the broker closes: every request in flight is cut. */
  closed?: AbortSignal;
}

/** Rewrites the scheme and host of every endpoint URL, keeping each path (`/api/v3`, `/sapi/v1`...). */
function pointAt(urls: Record<string, unknown>, base: string): void {
  for (const [k, v] of Object.entries(urls)) {
    if (typeof v === 'string') urls[k] = v.replace(/^https?:\/\/[^/]+/, base);
    else if (v && typeof v === 'object') pointAt(v as Record<string, unknown>, base);
  }
}

/** The exchange's class, or an input error (exitCode 2) when ccxt has no exchange of that id. */
export function exchangeClass(ccxt: CcxtModule, exchangeId: string): new (config: Record<string, unknown>) => Exchange {
  const Ctor = (ccxt as unknown as Record<string, unknown>)[exchangeId];
  // The namespace import lists exchanges as an object, the default export as an array.
  const known = ccxt.exchanges as unknown as string[] | Record<string, unknown>;
  const listed = Array.isArray(known) ? known.includes(exchangeId) : Object.prototype.hasOwnProperty.call(known, exchangeId);
  if (typeof Ctor !== 'function' || !listed) {
    throw Object.assign(new Error(`unknown exchange "${exchangeId}". Use a ccxt exchange id such as binance or bybit`), { exitCode: 2 });
  }
  return Ctor as new (config: Record<string, unknown>) => Exchange;
}

/** Checks an exchange id against ccxt (imported lazily) before anything else is asked of the user. */
export async function checkExchangeId(exchangeId: string): Promise<void> {
  exchangeClass((await import('ccxt')) as unknown as CcxtModule, exchangeId);
}

export function createExchange(ccxt: CcxtModule, s: ExchangeSetup): Exchange {
  const Ctor = exchangeClass(ccxt, s.exchangeId);
  const ex = new Ctor({
    ...(s.credentials ?? {}),
    enableRateLimit: s.enableRateLimit,
    timeout: s.timeoutMs,
    options: { ...s.profile.options, ...(s.recvWindowMs ? { recvWindow: s.recvWindowMs } : {}) },
  });
  // ccxt's own fetch bounds only the headers; this one reads the body under the same deadline.
  (ex as unknown as { fetchImplementation: unknown }).fetchImplementation = bufferedFetch(s.closed ?? new AbortController().signal);
  // Currencies are not needed to trade spot and often sit behind extra auth: keep connect small.
  ex.has['fetchCurrencies'] = false;
  if (s.testnet) ex.setSandboxMode(true);
  if (s.apiUrl) {
    const base = s.apiUrl.replace(/\/+$/, '');
    pointAt(ex.urls['api'] as Record<string, unknown>, base);
    // Binance picks its error map by host; on another host keep the spot map, or every venue error becomes generic.
    const ext = ex as unknown as { exceptions?: Record<string, unknown>; getExceptionsByUrl?: unknown };
    if (typeof ext.getExceptionsByUrl === 'function' && ext.exceptions && 'spot' in ext.exceptions) {
      ext.getExceptionsByUrl = (_url: string, kind: string) => ex.safeDict(ex.safeDict(ext.exceptions as Record<string, unknown>, 'spot', {}) ?? {}, kind, {});
    }
  }
  // A 2xx answer that is not JSON (a proxy's HTML page) would otherwise come back as a plain string
  // or end as a TypeError deep in a parser: name it here.
  const original = ex.onRestResponse.bind(ex);
  ex.onRestResponse = (
    status: number,
    statusText: string,
    url: string,
    method: string,
    responseHeaders: unknown,
    responseBody: string,
    requestHeaders: unknown,
    requestBody: unknown,
  ) => {
    const text = original(status, statusText, url, method, responseHeaders, responseBody, requestHeaders, requestBody) as string;
    if (status >= 200 && status < 300 && text.length > 0 && !/^[[{]/.test(text)) {
      const contentType = String(
        (responseHeaders as Record<string, unknown> | undefined)?.['Content-Type'] ??
          (responseHeaders as Record<string, unknown> | undefined)?.['content-type'] ??
          'unknown type',
      );
      throw new ccxt.BadResponse(
        `${s.exchangeId} answered ${method} ${url.split('?')[0]} with HTTP ${status} and a non-JSON body (${contentType}): ${text.slice(0, 80)}`,
      );
    }
    return text;
  };
  return ex;
}
