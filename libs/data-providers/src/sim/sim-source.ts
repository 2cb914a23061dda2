import { INTERVAL_MS, type Bar, type BarQuery, type Interval } from '@rustybt/engine';
import type { Observable } from 'rxjs';
import { pacedStream, type Pacing } from '../live/pace';
import { checkSimOptions, GbmPath, type SimOptions } from './gbm';

const DEFAULT_BARS = 1000;
const SIM_BATCH = 256;

/**
 * Historical sim bars: one path per (seed, symbol, interval) starting at the anchor, so a bar at a
 * given time is the same whatever range is asked for. Without `to`, 1000 bars from the start.
 */
export async function* simBars(symbol: string, query: BarQuery, options: SimOptions = {}): AsyncGenerator<Bar[]> {
  const o = checkSimOptions(options);
  const step = INTERVAL_MS[query.interval];
  const path = new GbmPath(symbol, query.interval, o);
  const from = query.from === undefined ? o.anchor : Math.max(query.from, o.anchor);
  let time = o.anchor + Math.ceil((from - o.anchor) / step) * step;
  for (let t = o.anchor; t < time; t += step) path.advance();
  const to = query.to ?? time + DEFAULT_BARS * step;
  let batch: Bar[] = [];
  for (; time < to; time += step) {
    batch.push(path.next(time));
    // Small batches die young: with thousands of bars per batch each batch outlived a scavenge and
    // every bar was promoted to old space, which grew a long replay's RSS by tens of percent.
    if (batch.length === SIM_BATCH) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

export interface SimLiveOptions extends Pacing {
  /** Time of the first live bar; default: the current interval's start. */
  start?: number;
}

/** An endless paced sim feed starting now (or at `start`); prices follow the seed from the start price. */
export function simStream(symbol: string, interval: Interval, options: SimOptions, live: SimLiveOptions): Observable<Bar> {
  const o = checkSimOptions(options);
  const step = INTERVAL_MS[interval];
  return pacedStream(() => {
    const path = new GbmPath(symbol, interval, o);
    let time = live.start ?? Math.floor(Date.now() / step) * step;
    return {
      [Symbol.asyncIterator]: () => ({
        next: () => {
          const bar = path.next(time);
          time += step;
          return Promise.resolve({ done: false, value: bar });
        },
      }),
    };
  }, live);
}
