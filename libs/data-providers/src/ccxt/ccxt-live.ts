import { INTERVAL_MS, type Bar, type Interval } from '@rustybt/engine';
import { Observable } from 'rxjs';
import { ccxtError, openExchange, type CcxtOptions } from './ccxt-source';

export interface CcxtLiveOptions extends CcxtOptions {
  /** How often to ask for new bars. Default: a sixth of the interval, between 1 s and 15 s. */
  pollMs?: number;
}

/**
 * A venue's bars as they close, by polling fetchOHLCV: first the last closed bar, then each new
 * one once its interval has ended. A failed poll ends the stream with our error (the caller
 * decides whether to reconnect); unsubscribing stops polling.
 */
export function ccxtLive(exchangeId: string, symbol: string, interval: Interval, options: CcxtLiveOptions = {}): Observable<Bar> {
  const step = INTERVAL_MS[interval];
  const pollMs = options.pollMs ?? Math.min(15_000, Math.max(1000, step / 6));
  const hint = options.apiUrl ? ` and that ${options.apiUrl} is up` : ', or pass --api-url for a proxy';
  return new Observable<Bar>((subscriber) => {
    let stopped = false;
    let timer: NodeJS.Timeout | undefined;
    let last = -Infinity;
    const run = async () => {
      const { ccxt, exchange } = await openExchange(exchangeId, options);
      let unified: string;
      try {
        await exchange.loadMarkets();
        unified = exchange.market(symbol).symbol;
      } catch (err) {
        throw ccxtError(ccxt, exchangeId, err, hint);
      }
      const poll = async () => {
        const now = Date.now();
        const since = last === -Infinity ? Math.floor(now / step) * step - 2 * step : last + step;
        let rows: number[][];
        try {
          rows = await exchange.fetchOHLCV(unified, interval, since, 100);
        } catch (err) {
          throw ccxtError(ccxt, exchangeId, err, hint);
        }
        const closed = rows.filter(([time]) => time !== undefined && time > last && time + step <= Date.now());
        // The very first poll starts with the latest closed bar only: older ones are history.
        for (const [time, open, high, low, close, volume] of last === -Infinity ? closed.slice(-1) : closed) {
          if (stopped) return;
          last = time!;
          subscriber.next({ symbol, time: time!, open: open!, high: high!, low: low!, close: close!, volume: volume ?? 0 });
        }
      };
      const loop = async () => {
        if (stopped) return;
        try {
          await poll();
        } catch (err) {
          if (!stopped) subscriber.error(err);
          return;
        }
        if (!stopped) timer = setTimeout(() => void loop(), pollMs);
      };
      await loop();
    };
    run().catch((err: unknown) => {
      if (!stopped) subscriber.error(err);
    });
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    };
  });
}
