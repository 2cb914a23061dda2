import { Observable } from 'rxjs';
import type { Bar } from '@rustybt/engine';
import { DataInputError } from '../errors';

/**
 * How fast market time runs: `speed` = market milliseconds per wall-clock millisecond (60 = one
 * minute of market per second; Infinity = as fast as the consumer takes them). Without a speed,
 * one bar per second whatever the interval, so a live demo shows something at once.
 */
export interface Pacing {
  speed?: number;
}

export function checkSpeed(speed: number | undefined): number | undefined {
  if (speed !== undefined && !(speed > 0)) throw new DataInputError(`speed ${speed} is not positive. Give e.g. --speed 60 (one minute of market per second)`);
  return speed;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

/**
 * Emits bars of an async iterable at the pace of their timestamps. Deadlines are measured from the
 * first bar, so timer jitter does not accumulate. Unsubscribing stops the underlying iterator.
 */
export function pacedStream(bars: () => AsyncIterable<Bar>, pacing: Pacing): Observable<Bar> {
  const speed = checkSpeed(pacing.speed);
  return new Observable<Bar>((subscriber) => {
    const abort = new AbortController();
    const run = async () => {
      const iterator = bars()[Symbol.asyncIterator]();
      try {
        let firstTime: number | undefined;
        let wallStart = 0;
        let count = 0;
        for (;;) {
          const r = await iterator.next();
          if (r.done || abort.signal.aborted) break;
          const bar = r.value;
          if (firstTime === undefined) {
            firstTime = bar.time;
            wallStart = Date.now();
          } else if (speed === Infinity) {
            // Let timers and I/O run now and then even at full speed.
            if (count % 1000 === 0) await new Promise<void>((resolve) => setImmediate(resolve));
          } else {
            const due = wallStart + (speed === undefined ? count * 1000 : (bar.time - firstTime) / speed);
            const wait = due - Date.now();
            if (wait > 0) await sleep(wait, abort.signal);
          }
          if (abort.signal.aborted) break;
          count++;
          subscriber.next(bar);
        }
        if (!abort.signal.aborted) subscriber.complete();
      } catch (err) {
        if (!abort.signal.aborted) subscriber.error(err);
      } finally {
        await iterator.return?.();
      }
    };
    void run();
    return () => abort.abort();
  });
}
