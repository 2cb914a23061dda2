import { INTERVAL_MS, type Bar, type Interval } from '@rustybt/engine';
import { Observable } from 'rxjs';

export interface PolledLiveOptions {
  /** How often to ask for new bars. */
  pollMs: number;
  /** How far back the first poll looks for the latest closed bar (a market may be closed for days). */
  lookbackMs: number;
  /** Clock (tests); default Date.now. */
  now?: () => number;
}

/**
 * A historical source's bars as they close, by polling it: the first poll delivers the latest
 * closed bar within the lookback, each later one the bars closed since the last delivered. A
 * failed poll ends the stream with the source's error (the caller decides whether to reconnect);
 * unsubscribing stops polling.
 */
export function polledLive(history: (from: number, to: number) => AsyncIterable<Bar>, interval: Interval, options: PolledLiveOptions): Observable<Bar> {
  const step = INTERVAL_MS[interval];
  const now = options.now ?? Date.now;
  return new Observable<Bar>((subscriber) => {
    let stopped = false;
    let timer: NodeJS.Timeout | undefined;
    let last = Number.NEGATIVE_INFINITY;
    const poll = async () => {
      const t = now();
      const from = last === Number.NEGATIVE_INFINITY ? t - options.lookbackMs : last + step;
      const closed: Bar[] = [];
      for await (const bar of history(from, t)) if (bar.time > last && bar.time + step <= t) closed.push(bar);
      // The very first poll starts with the latest closed bar only: older ones are history.
      for (const bar of last === Number.NEGATIVE_INFINITY ? closed.slice(-1) : closed) {
        if (stopped) return;
        last = bar.time;
        subscriber.next(bar);
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
      if (!stopped) timer = setTimeout(() => void loop(), options.pollMs);
    };
    void loop();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    };
  });
}
