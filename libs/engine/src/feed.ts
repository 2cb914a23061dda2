import type { Observable } from 'rxjs';
import type { Bar, Interval } from './model/bar';

export interface BarQuery {
  /** Inclusive, epoch ms UTC. */
  from?: number;
  /** Exclusive, epoch ms UTC. */
  to?: number;
  interval: Interval;
}

/** Bars of the past, in strictly increasing time order. */
export interface HistoricalSource {
  readonly name: string;
  bars(symbol: string, query: BarQuery): AsyncIterable<Bar>;
}

/** Bars as they happen (a venue, a simulator, or history replayed at a speed factor). */
export interface LiveSource {
  readonly name: string;
  stream(symbol: string, interval: Interval): Observable<Bar>;
}
