import Decimal from 'decimal.js';
import { ZERO, type DecimalInput, numberOf, toDecimal } from '../model/decimal';
import type { Fill } from '../model/order';
import { Position } from './position';

export interface PortfolioJson {
  cash: string;
  fees: string;
  realizedPnl: string;
  positions: { symbol: string; quantity: string; averagePrice: string; realizedPnl: string; lastPrice: number | null }[];
}

export interface FillEffect {
  before: Decimal;
  after: Decimal;
  realized: Decimal;
}

/**
 * Cash, positions and PnL in decimal.js. Alongside, a float mirror of equity is kept current with
 * each mark so the per-bar path (drawdown, daily-loss watch, equity sampling) allocates nothing;
 * the mirror is recomputed from the decimals after every fill so it cannot drift far.
 */
export class Portfolio {
  cash: Decimal;
  fees: Decimal = ZERO;
  realizedPnl: Decimal = ZERO;
  readonly positions = new Map<string, Position>();
  private cashNumber: number;
  private marketValueNumber = 0;
  private openCount = 0;

  constructor(readonly initialCapital: Decimal) {
    this.cash = initialCapital;
    this.cashNumber = numberOf(initialCapital);
  }

  position(symbol: string): Position {
    let p = this.positions.get(symbol);
    if (!p) {
      p = new Position(symbol);
      this.positions.set(symbol, p);
    }
    return p;
  }

  /** Hot path: a new last price for a symbol, as a number. */
  mark(symbol: string, price: number): void {
    const p = this.positions.get(symbol) ?? this.position(symbol);
    if (p.quantityNumber !== 0) {
      this.marketValueNumber += p.quantityNumber * (price - (Number.isFinite(p.lastPrice) ? p.lastPrice : price));
    }
    p.lastPrice = price;
  }

  applyFill(fill: Fill): FillEffect {
    const p = this.position(fill.symbol);
    const buy = fill.side === 'buy';
    const q = fill.quantity;
    const before = p.quantity;
    // Opening from flat and closing out exactly are most fills: no arithmetic for those.
    const after = before.isZero() ? (buy ? q : q.neg()) : !buy && q === before ? ZERO : buy ? before.add(q) : before.sub(q);
    const notional = q.mul(fill.price);
    this.cash = buy ? this.cash.sub(notional) : this.cash.add(notional);
    // Fees are often zero: skip the arithmetic (each decimal operation allocates).
    if (!fill.commission.isZero()) {
      this.cash = this.cash.sub(fill.commission);
      this.fees = this.fees.add(fill.commission);
    }
    let realized = ZERO;
    if (before.isZero()) {
      p.averagePrice = fill.price;
    } else if (before.isNeg() !== buy) {
      p.averagePrice = p.averagePrice.mul(before.abs()).add(notional).div(after.abs());
    } else {
      const held = before.isNeg() ? before.neg() : before;
      const closing = q.lt(held) ? q : held;
      realized = closing.mul(fill.price.sub(p.averagePrice));
      if (before.isNeg()) realized = realized.neg();
      p.realizedPnl = p.realizedPnl.add(realized);
      this.realizedPnl = this.realizedPnl.add(realized);
      if (after.isZero()) p.averagePrice = ZERO;
      else if (after.isNeg() !== before.isNeg()) p.averagePrice = fill.price;
    }
    p.quantity = after;
    p.quantityNumber = numberOf(after);
    if (!Number.isFinite(p.lastPrice)) p.lastPrice = numberOf(fill.price);
    this.resync();
    return { before, after, realized };
  }

  /** Exact equity: cash plus every position at its last mark. */
  equity(): Decimal {
    let e = this.cash;
    for (const p of this.positions.values()) if (!p.quantity.isZero()) e = e.add(p.marketValue);
    return e;
  }

  /** The parts of equity now (cash, quantities, marks), to value later. */
  valuation(): { cash: Decimal; holdings: { quantity: Decimal; price: number }[] } {
    const holdings: { quantity: Decimal; price: number }[] = [];
    for (const p of this.positions.values())
      if (p.quantityNumber !== 0 && Number.isFinite(p.lastPrice)) holdings.push({ quantity: p.quantity, price: p.lastPrice });
    return { cash: this.cash, holdings };
  }

  /** Float estimate of equity for per-bar statistics; never used for a decision of record. */
  equityNumber(): number {
    return this.cashNumber + this.marketValueNumber;
  }

  /** Sum of |position value| at last marks. */
  grossExposure(): Decimal {
    let g = ZERO;
    for (const p of this.positions.values()) if (!p.quantity.isZero()) g = g.add(p.marketValue.abs());
    return g;
  }

  get openPositionCount(): number {
    return this.openCount;
  }

  toJSON(): PortfolioJson {
    return {
      cash: this.cash.toString(),
      fees: this.fees.toString(),
      realizedPnl: this.realizedPnl.toString(),
      // Flat positions too: their last price is what values an order before the next bar.
      positions: [...this.positions.values()].map((p) => ({
        symbol: p.symbol,
        quantity: p.quantity.toString(),
        averagePrice: p.averagePrice.toString(),
        realizedPnl: p.realizedPnl.toString(),
        lastPrice: Number.isFinite(p.lastPrice) ? p.lastPrice : null,
      })),
    };
  }

  static fromJSON(initialCapital: DecimalInput, json: PortfolioJson): Portfolio {
    const pf = new Portfolio(toDecimal(initialCapital));
    pf.cash = new Decimal(json.cash);
    pf.fees = new Decimal(json.fees);
    pf.realizedPnl = new Decimal(json.realizedPnl);
    for (const j of json.positions) {
      const p = pf.position(j.symbol);
      p.quantity = new Decimal(j.quantity);
      p.quantityNumber = numberOf(p.quantity);
      p.averagePrice = new Decimal(j.averagePrice);
      p.realizedPnl = new Decimal(j.realizedPnl);
      p.lastPrice = j.lastPrice ?? Number.NaN;
    }
    pf.resync();
    return pf;
  }

  private resync(): void {
    this.cashNumber = numberOf(this.cash);
    let mv = 0;
    let open = 0;
    for (const p of this.positions.values()) {
      if (p.quantityNumber !== 0) {
        open++;
        if (Number.isFinite(p.lastPrice)) mv += p.quantityNumber * p.lastPrice;
      }
    }
    this.marketValueNumber = mv;
    this.openCount = open;
  }
}
