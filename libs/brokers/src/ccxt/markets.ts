import type { Decimal } from '@rustybt/engine';
import type { Exchange } from './ccxt-types';
import { dec } from './order-mapping';

/** ccxt's precisionMode for "precision values are step sizes" (the others count decimal places). */
const TICK_SIZE = 4;

export interface MarketInfo {
  symbol: string;
  active: boolean;
  minAmount?: Decimal;
  minCost?: Decimal;
  amountStep?: Decimal;
  priceStep?: Decimal;
}

/** A loaded market's limits and steps, as decimals; undefined when the venue has no such market. */
export function marketInfo(ex: Exchange, symbol: string): MarketInfo | undefined {
  const m = ex.markets?.[symbol];
  if (!m) return undefined;
  const step = (v: number | undefined) => (v === undefined ? undefined : ex.precisionMode === TICK_SIZE ? dec(v) : dec(10 ** -v));
  const info: MarketInfo = { symbol, active: m.active !== false };
  const minAmount = dec(m.limits?.amount?.min);
  const minCost = dec(m.limits?.cost?.min);
  const amountStep = step(m.precision?.amount);
  const priceStep = step(m.precision?.price);
  return {
    ...info,
    ...(minAmount ? { minAmount } : {}),
    ...(minCost ? { minCost } : {}),
    ...(amountStep ? { amountStep } : {}),
    ...(priceStep ? { priceStep } : {}),
  };
}

/** Clears ccxt's cached loadMarkets promise (fields of its Exchange, not in its typings). */
export function forgetMarketsLoading(ex: Exchange): void {
  const cached = ex as unknown as { marketsLoading?: unknown; reloadingMarkets?: unknown };
  cached.marketsLoading = undefined;
  cached.reloadingMarkets = false;
}
