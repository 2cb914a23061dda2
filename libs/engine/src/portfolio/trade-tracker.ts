import Decimal from 'decimal.js';
import { ZERO } from '../model/decimal';
import type { Fill } from '../model/order';
import type { FillEffect } from './portfolio';

/** a + b without allocating when either is zero (most trades start from zero totals, many fees are zero). */
const sum = (a: Decimal, b: Decimal): Decimal => (b.isZero() ? a : a.isZero() ? b : a.add(b));

/** A round trip: from flat (or a reversal) back to flat (or the next reversal). */
export interface Trade {
  symbol: string;
  side: 'long' | 'short';
  entryTime: number;
  entryPrice: Decimal;
  exitTime: number;
  exitPrice: Decimal;
  /** Total quantity opened over the trade. */
  quantity: Decimal;
  /** Realised PnL net of the commissions of every fill in the trade. */
  pnl: Decimal;
}

export interface OpenTradeJson {
  symbol: string;
  side: 'long' | 'short';
  entryTime: number;
  entryQuantity: string;
  entryCost: string;
  exitQuantity: string;
  exitValue: string;
  realized: string;
  fees: string;
}

interface OpenTrade {
  side: 'long' | 'short';
  entryTime: number;
  entryQuantity: Decimal;
  entryCost: Decimal;
  exitQuantity: Decimal;
  exitValue: Decimal;
  realized: Decimal;
  fees: Decimal;
}

export class TradeTracker {
  readonly closed: Trade[] = [];
  private readonly open = new Map<string, OpenTrade>();

  onFill(fill: Fill, effect: FillEffect): void {
    const { before, after, realized } = effect;
    const qty = fill.quantity;
    const opening = before.isZero() || before.isNeg() === (fill.side === 'sell');
    if (opening) {
      this.addEntry(fill, qty, fill.commission);
      return;
    }
    const held = before.abs();
    const closing = qty.lt(held) ? qty : held;
    const t = this.open.get(fill.symbol) ?? this.adopt(fill, before, closing, realized);
    const closeShare = fill.commission.isZero() ? ZERO : closing.eq(qty) ? fill.commission : fill.commission.mul(closing).div(qty);
    t.exitQuantity = sum(t.exitQuantity, closing);
    t.exitValue = sum(t.exitValue, closing.mul(fill.price));
    t.realized = sum(t.realized, realized);
    t.fees = sum(t.fees, closeShare);
    if (after.isZero() || after.isNeg() !== before.isNeg()) {
      this.closed.push({
        symbol: fill.symbol,
        side: t.side,
        entryTime: t.entryTime,
        entryPrice: t.entryQuantity.eq(1) ? t.entryCost : t.entryCost.div(t.entryQuantity),
        exitTime: fill.time,
        exitPrice: t.exitQuantity.eq(1) ? t.exitValue : t.exitValue.div(t.exitQuantity),
        quantity: t.entryQuantity,
        pnl: t.fees.isZero() ? t.realized : t.realized.sub(t.fees),
      });
      this.open.delete(fill.symbol);
      if (closing !== qty && !closing.eq(qty)) this.addEntry(fill, qty.sub(closing), fill.commission.sub(closeShare));
    }
  }

  toJSON(): OpenTradeJson[] {
    return [...this.open.entries()].map(([symbol, t]) => ({
      symbol,
      side: t.side,
      entryTime: t.entryTime,
      entryQuantity: t.entryQuantity.toString(),
      entryCost: t.entryCost.toString(),
      exitQuantity: t.exitQuantity.toString(),
      exitValue: t.exitValue.toString(),
      realized: t.realized.toString(),
      fees: t.fees.toString(),
    }));
  }

  restore(open: OpenTradeJson[]): void {
    for (const j of open) {
      this.open.set(j.symbol, {
        side: j.side,
        entryTime: j.entryTime,
        entryQuantity: new Decimal(j.entryQuantity),
        entryCost: new Decimal(j.entryCost),
        exitQuantity: new Decimal(j.exitQuantity),
        exitValue: new Decimal(j.exitValue),
        realized: new Decimal(j.realized),
        fees: new Decimal(j.fees),
      });
    }
  }

  /** A position that predates the tracker (restored without its trade): its entry is implied by the realised PnL. */
  private adopt(fill: Fill, before: Decimal, closing: Decimal, realized: Decimal): OpenTrade {
    const t = this.start(fill, before.isNeg() ? 'short' : 'long');
    const entryPrice = fill.price.sub(realized.div(closing).mul(before.isNeg() ? -1 : 1));
    t.entryQuantity = closing;
    t.entryCost = closing.mul(entryPrice);
    return t;
  }

  private start(fill: Fill, side: 'long' | 'short' = fill.side === 'buy' ? 'long' : 'short'): OpenTrade {
    const t: OpenTrade = {
      side,
      entryTime: fill.time,
      entryQuantity: ZERO,
      entryCost: ZERO,
      exitQuantity: ZERO,
      exitValue: ZERO,
      realized: ZERO,
      fees: ZERO,
    };
    this.open.set(fill.symbol, t);
    return t;
  }

  private addEntry(fill: Fill, qty: Decimal, fee: Decimal): void {
    const t = this.open.get(fill.symbol) ?? this.start(fill);
    t.entryQuantity = sum(t.entryQuantity, qty);
    t.entryCost = sum(t.entryCost, qty.mul(fill.price));
    t.fees = sum(t.fees, fee);
  }
}
