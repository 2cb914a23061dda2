import Decimal from 'decimal.js';

/** One spot pair the emulator lists, in the venue's own spelling (BTCUSDT). */
export interface SimMarket {
  id: string;
  base: string;
  quote: string;
  /** Price around which the seeded path wanders. */
  basePrice: number;
  tickSize: Decimal;
  stepSize: Decimal;
  minQty: Decimal;
  minNotional: Decimal;
}

const market = (base: string, quote: string, basePrice: number, tick: string, step: string): SimMarket => ({
  id: `${base}${quote}`,
  base,
  quote,
  basePrice,
  tickSize: new Decimal(tick),
  stepSize: new Decimal(step),
  minQty: new Decimal(step),
  minNotional: new Decimal('5'),
});

export const DEFAULT_MARKETS: readonly SimMarket[] = [
  market('BTC', 'USDT', 50_000, '0.01', '0.00001'),
  market('ETH', 'USDT', 3_000, '0.01', '0.0001'),
  market('SOL', 'USDT', 150, '0.01', '0.001'),
  market('ETH', 'BTC', 0.06, '0.00001', '0.0001'),
];

export const DEFAULT_BALANCES: Readonly<Record<string, string>> = { USDT: '100000', BTC: '1', ETH: '10', SOL: '100' };

/** Commission charged on every fill, in the asset received (Binance's default behaviour). */
export const COMMISSION_RATE = new Decimal('0.001');
