import Decimal from 'decimal.js';
import { ZERO } from '../model/decimal';

/**
 * One symbol's holding. Quantity, average price and realised PnL are decimals of record;
 * `lastPrice` is the latest mark (a bar close, a plain number like all market data) and
 * `quantityNumber` a float mirror of the quantity for the per-bar equity estimate.
 */
export class Position {
  quantity: Decimal = ZERO;
  averagePrice: Decimal = ZERO;
  realizedPnl: Decimal = ZERO;
  lastPrice = Number.NaN;
  quantityNumber = 0;

  constructor(readonly symbol: string) {}

  get isFlat(): boolean {
    return this.quantityNumber === 0 && this.quantity.isZero();
  }

  /** Quantity times the last mark (zero before the first mark). */
  get marketValue(): Decimal {
    return Number.isFinite(this.lastPrice) ? this.quantity.mul(this.lastPrice) : ZERO;
  }

  get unrealizedPnl(): Decimal {
    if (this.quantity.isZero() || !Number.isFinite(this.lastPrice)) return ZERO;
    return this.quantity.mul(new Decimal(this.lastPrice).sub(this.averagePrice));
  }
}
