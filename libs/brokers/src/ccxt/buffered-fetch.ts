import { currentCallSignal } from './deadline';

/** What ccxt hands its fetchImplementation (Exchange.fetch in ccxt 4.5). */
interface CcxtFetchParams {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  /** ccxt's own timeout signal: it aborts after `timeout` ms and is cleared once this function returns. */
  signal?: AbortSignal;
}

/** Statuses whose Response may not carry a body. */
const NO_BODY = new Set([101, 204, 205, 304]);

/**
 * ccxt's `fetchImplementation` for CcxtBroker. ccxt 4.5 bounds only the wait for the headers: its
 * timeout is cleared when the fetch resolves and the body is read afterwards, so a venue that sends
 * the headers and then stalls holds the call until undici's body timeout (300 s). Here the whole
 * body is read before returning, under ccxt's timeout signal, the current call's deadline and the
 * broker's close signal: one deadline covers connect, headers and body, and an abort cuts the socket.
 * The buffered answer is handed to ccxt as a Response, so its error mapping applies unchanged
 * (an abort by ccxt's timer is its RequestTimeout; a cut body is a TypeError, its NetworkError).
 */
export function bufferedFetch(closed: AbortSignal): (url: string, params: CcxtFetchParams) => Promise<Response> {
  return async (url, params) => {
    const signals = [params.signal, currentCallSignal(), closed].filter((s): s is AbortSignal => s !== undefined);
    const signal = AbortSignal.any(signals);
    const res = await fetch(url, {
      method: params.method ?? 'GET',
      ...(params.headers ? { headers: params.headers } : {}),
      ...(params.body !== undefined ? { body: params.body } : {}),
      signal,
      // Venue APIs never redirect legitimately (ccxt refuses redirects on its own paths too).
      redirect: 'error',
    });
    const body = await res.arrayBuffer();
    return new Response(NO_BODY.has(res.status) ? null : body, { status: res.status, statusText: res.statusText, headers: res.headers });
  };
}
