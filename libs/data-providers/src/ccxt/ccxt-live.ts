import { INTERVAL_MS, type Bar, type Interval } from '@rustybt/engine';
import type { Observable } from 'rxjs';
import { polledLive } from '../live/polled-live';
import { ccxtError, openExchange, type CcxtOptions } from './ccxt-source';

export interface CcxtLiveOptions extends CcxtOptions {
  /** How often to ask for new bars. Default: a sixth of the interval, between 1 s and 15 s. */
  pollMs?: number;
}

/**
 * A venue's bars as they close, by polling fetchOHLCV (polledLive): first the last closed bar, then
 * each new one once its interval has ended. A failed poll ends the stream with our error (the
 * caller decides whether to reconnect); unsubscribing stops polling.
 */
export function ccxtLive(exchangeId: string, symbol: string, interval: Interval, options: CcxtLiveOptions = {}): Observable<Bar> {
  const step = INTERVAL_MS[interval];
  const pollMs = options.pollMs ?? Math.min(15_000, Math.max(1000, step / 6));
  const hint = options.apiUrl ? ` and that ${options.apiUrl} is up` : ', or pass --api-url for a proxy';
  const open = async () => {
    const { ccxt, exchange } = await openExchange(exchangeId, options);
    try {
      await exchange.loadMarkets();
      return { ccxt, exchange, unified: exchange.market(symbol).symbol };
    } catch (err) {
      throw ccxtError(ccxt, exchangeId, err, hint);
    }
  };
  let venue: ReturnType<typeof open> | undefined;
  async function* history(from: number): AsyncGenerator<Bar> {
    venue ??= open();
    // A venue that failed to open is opened afresh by the next subscription.
    const { ccxt, exchange, unified } = await venue.catch((err: unknown) => {
      venue = undefined;
      throw err;
    });
    let rows: number[][];
    try {
      rows = await exchange.fetchOHLCV(unified, interval, from, 100);
    } catch (err) {
      throw ccxtError(ccxt, exchangeId, err, hint);
    }
    for (const [time, open, high, low, close, volume] of rows) {
      if (time !== undefined) yield { symbol, time, open: open!, high: high!, low: low!, close: close!, volume: volume ?? 0 };
    }
  }
  return polledLive(history, interval, { pollMs, lookbackMs: 2 * step });
}
