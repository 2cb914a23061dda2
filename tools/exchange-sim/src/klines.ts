import type Decimal from 'decimal.js';
import type { SimMarket } from './markets';
import type { PricePath } from './price-path';

export interface SimBar {
  openTime: number;
  length: number;
  open: Decimal;
  high: Decimal;
  low: Decimal;
  close: Decimal;
  volume: Decimal;
}

/**
 * Bars aligned to multiples of `length` since the epoch, never starting after `now`.
 * With a start: the first `limit` bars from it; otherwise the last `limit` bars up to the end.
 */
export function barsBetween(path: PricePath, market: SimMarket, length: number, now: number, q: { start?: number; end?: number; limit: number }): SimBar[] {
  const lastOpen = Math.floor(Math.min(q.end ?? now, now) / length) * length;
  let first = q.start !== undefined ? Math.ceil(q.start / length) * length : lastOpen - (q.limit - 1) * length;
  first = Math.max(first, 0);
  const bars: SimBar[] = [];
  for (let t = first; t <= lastOpen && bars.length < q.limit; t += length) {
    bars.push({ openTime: t, length, ...path.bar(market, t, length) });
  }
  return bars;
}
