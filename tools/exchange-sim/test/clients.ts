import ccxt, { type Exchange } from 'ccxt';

/** ccxt's own Binance client, every host pointed at the emulator (OFFLINE-NOTES recipe). */
export function binanceClient(base: string, creds = { apiKey: 'sim-key', secret: 'sim-secret' }, timeout = 1000): Exchange {
  const ex = new ccxt.binance({
    ...creds,
    enableRateLimit: false,
    timeout,
    options: { fetchMarkets: { types: ['spot'] }, fetchCurrencies: false, fetchMargins: false },
  });
  const api = ex.urls['api'] as Record<string, string>;
  for (const [k, v] of Object.entries(api)) api[k] = v.replace(/^https:\/\/[^/]+/, base);
  // Binance picks its error map by host; on loopback keep the spot map.
  (ex as unknown as { getExceptionsByUrl: (u: string, k: string) => unknown }).getExceptionsByUrl = (_u, k) =>
    ex.safeDict(ex.safeDict(ex.exceptions, 'spot', {}), k, {});
  return ex;
}

export function bybitClient(base: string, creds = { apiKey: 'sim-key', secret: 'sim-secret' }, timeout = 1000): Exchange {
  const ex = new ccxt.bybit({
    ...creds,
    enableRateLimit: false,
    timeout,
    options: { fetchMarkets: { types: ['spot'] }, enableUnifiedAccount: true, enableUnifiedMargin: false },
  });
  ex.has['fetchCurrencies'] = false;
  const api = ex.urls['api'] as Record<string, string>;
  for (const k of Object.keys(api)) api[k] = base;
  return ex;
}

export async function errorOf(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected the call to fail');
}
