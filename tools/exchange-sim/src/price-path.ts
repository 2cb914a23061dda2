import Decimal from 'decimal.js';
import { hashUnit } from './rng';
import type { SimMarket } from './markets';

const MINUTE = 60_000;

/**
 * Mid price of a market at any instant, a pure function of (seed, market, minute): two slow
 * waves with seeded phases plus per-minute noise. Being stateless, any historical range
 * (klines) is as cheap and as reproducible as the current price.
 */
export class PricePath {
  private readonly pinned = new Map<string, Decimal>();

  constructor(private readonly seed: number) {}

  pin(marketId: string, price: Decimal | undefined): void {
    if (price === undefined) this.pinned.delete(marketId);
    else this.pinned.set(marketId, price);
  }

  pinnedPrice(marketId: string): Decimal | undefined {
    return this.pinned.get(marketId);
  }

  /** Raw path value at the start of minute `m` (epoch minutes). */
  private at(market: SimMarket, m: number): number {
    const phase1 = hashUnit(this.seed, `${market.id}:p1`, 0) * 2 * Math.PI;
    const phase2 = hashUnit(this.seed, `${market.id}:p2`, 0) * 2 * Math.PI;
    const noise = hashUnit(this.seed, market.id, m) * 2 - 1;
    const log = 0.04 * Math.sin((2 * Math.PI * m) / (60 * 24 * 7) + phase1) + 0.01 * Math.sin((2 * Math.PI * m) / 97 + phase2) + 0.002 * noise;
    return market.basePrice * Math.exp(log);
  }

  private round(market: SimMarket, value: number): Decimal {
    const price = new Decimal(value).toDecimalPlaces(12).toNearest(market.tickSize, Decimal.ROUND_HALF_UP);
    return price.isZero() ? market.tickSize : price;
  }

  mid(market: SimMarket, timeMs: number): Decimal {
    return this.pinned.get(market.id) ?? this.round(market, this.at(market, Math.floor(timeMs / MINUTE)));
  }

  /** One OHLCV bar covering [openMs, openMs + lengthMs); sampled at most 60 points so long bars stay cheap. */
  bar(market: SimMarket, openMs: number, lengthMs: number): { open: Decimal; high: Decimal; low: Decimal; close: Decimal; volume: Decimal } {
    const first = Math.floor(openMs / MINUTE);
    const minutes = Math.max(1, Math.round(lengthMs / MINUTE));
    const step = Math.max(1, Math.floor(minutes / 60));
    const points: number[] = [];
    for (let m = first; m < first + minutes; m += step) points.push(this.at(market, m));
    const last = this.at(market, first + minutes - 1);
    points.push(last);
    const open = points[0] as number;
    const wick = 1 + 0.0005 * hashUnit(this.seed, `${market.id}:w`, first);
    const volume = new Decimal(10 + 90 * hashUnit(this.seed, `${market.id}:v`, first)).mul(minutes).toDecimalPlaces(4);
    return {
      open: this.round(market, open),
      high: this.round(market, Math.max(...points) * wick),
      low: this.round(market, Math.min(...points) / wick),
      close: this.round(market, last),
      volume,
    };
  }
}
