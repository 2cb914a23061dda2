import { Decimal, ZERO } from '@rustybt/engine';
import type { PaperBrokerConfig } from './config';

let lastBps = Number.NaN;
let lastFraction: Decimal = ZERO;
/** bps / 10000 as a decimal, made once per setting rather than at every fill. */
function bpsFraction(bps: number): Decimal {
  if (bps !== lastBps) {
    lastFraction = new Decimal(bps).div(10_000);
    lastBps = bps;
  }
  return lastFraction;
}

/** Fill price after slippage: moved against the order, never beyond a limit price. */
export function slippedPrice(
  config: PaperBrokerConfig['slippage'],
  side: 'buy' | 'sell',
  price: Decimal,
  quantity: Decimal,
  barVolume: number,
  limit: Decimal | undefined,
): Decimal {
  let fraction: Decimal;
  switch (config.model) {
    case 'none':
      return price;
    case 'fixed-bps':
      fraction = bpsFraction(config.bps);
      break;
    case 'volume-share': {
      if (!(barVolume > 0)) return price;
      const share = Decimal.min(quantity.div(barVolume), 1);
      fraction = share.mul(share).mul(config.priceImpact);
      break;
    }
  }
  const moved = side === 'buy' ? price.mul(fraction.add(1)) : price.mul(new Decimal(1).sub(fraction));
  if (!limit) return moved;
  return side === 'buy' ? Decimal.min(moved, limit) : Decimal.max(moved, limit);
}

export function commissionFor(config: PaperBrokerConfig['commission'], quantity: Decimal, price: Decimal, liquidity: 'maker' | 'taker'): Decimal {
  switch (config.model) {
    case 'none':
      return ZERO;
    case 'per-share':
      return Decimal.max(quantity.mul(config.perShare), config.minimum);
    case 'percent':
      return quantity.mul(price).mul(config.rate);
    case 'maker-taker':
      return quantity.mul(price).mul(liquidity === 'maker' ? config.maker : config.taker);
  }
}

/** Seeded delay in ms for each submitted order. */
export function latencyModel(config: PaperBrokerConfig['latency'], random: () => number): () => number {
  switch (config.model) {
    case 'none':
      return () => 0;
    case 'fixed':
      return () => config.ms;
    case 'uniform':
      return () => Math.round(config.minMs + random() * (config.maxMs - config.minMs));
  }
}
