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

/**
 * Entry and exit sides keep the first fill's price and compute a value (quantity x price) only
 * when a second fill comes: most trades enter and exit in one fill each.
 */
interface Side {
  quantity: Decimal;
  price: Decimal;
  /** Sum of quantity x price once there is more than one fill. */
  value: Decimal | undefined;
}

interface OpenTrade {
  side: 'long' | 'short';
  entryTime: number;
  entry: Side;
  exit: Side;
  realized: Decimal;
  fees: Decimal;
}

const emptySide = (): Side => ({ quantity: ZERO, price: ZERO, value: undefined });

function addTo(side: Side, quantity: Decimal, price: Decimal): void {
  if (side.quantity.isZero()) {
    side.quantity = quantity;
    side.price = price;
    return;
  }
  side.value = (side.value ?? side.quantity.mul(side.price)).add(quantity.mul(price));
  side.quantity = side.quantity.add(quantity);
}

const averageOf = (side: Side): Decimal => (side.value === undefined ? side.price : side.value.div(side.quantity));
const valueOf = (side: Side): Decimal => side.value ?? side.quantity.mul(side.price);

function restoredSide(quantity: string, value: string): Side {
  const q = new Decimal(quantity);
  return q.isZero() ? emptySide() : { quantity: q, price: new Decimal(value).div(q), value: new Decimal(value) };
}

export class TradeTracker {
  /** Closed trades in closing order; stays empty when the tracker keeps none. */
  readonly closed: Trade[] = [];
  private readonly open = new Map<string, OpenTrade>();

  /** keepClosed false: only open trades are tracked (all a snapshot needs), so memory stays flat on a run of any length. */
  constructor(private readonly keepClosed = true) {}

  onFill(fill: Fill, effect: FillEffect): void {
    const { before, after, realized } = effect;
    const qty = fill.quantity;
    const opening = before.isZero() || before.isNeg() === (fill.side === 'sell');
    if (opening) {
      this.addEntry(fill, qty, fill.commission);
      return;
    }
    const held = before.isNeg() ? before.neg() : before;
    const closing = qty.lt(held) ? qty : held;
    const t = this.open.get(fill.symbol) ?? this.adopt(fill, before, closing, realized);
    const closeShare = fill.commission.isZero() ? ZERO : closing.eq(qty) ? fill.commission : fill.commission.mul(closing).div(qty);
    addTo(t.exit, closing, fill.price);
    t.realized = sum(t.realized, realized);
    t.fees = sum(t.fees, closeShare);
    if (after.isZero() || after.isNeg() !== before.isNeg()) {
      if (this.keepClosed)
        this.closed.push({
          symbol: fill.symbol,
          side: t.side,
          entryTime: t.entryTime,
          entryPrice: averageOf(t.entry),
          exitTime: fill.time,
          exitPrice: averageOf(t.exit),
          quantity: t.entry.quantity,
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
      entryQuantity: t.entry.quantity.toString(),
      entryCost: valueOf(t.entry).toString(),
      exitQuantity: t.exit.quantity.toString(),
      exitValue: valueOf(t.exit).toString(),
      realized: t.realized.toString(),
      fees: t.fees.toString(),
    }));
  }

  restore(open: OpenTradeJson[]): void {
    for (const j of open) {
      this.open.set(j.symbol, {
        side: j.side,
        entryTime: j.entryTime,
        entry: restoredSide(j.entryQuantity, j.entryCost),
        exit: restoredSide(j.exitQuantity, j.exitValue),
        realized: new Decimal(j.realized),
        fees: new Decimal(j.fees),
      });
    }
  }

  /** A position that predates the tracker (restored without its trade): its entry is implied by the realised PnL. */
  private adopt(fill: Fill, before: Decimal, closing: Decimal, realized: Decimal): OpenTrade {
    const t = this.start(fill, before.isNeg() ? 'short' : 'long');
    addTo(t.entry, closing, fill.price.sub(realized.div(closing).mul(before.isNeg() ? -1 : 1)));
    return t;
  }

  private start(fill: Fill, side: 'long' | 'short' = fill.side === 'buy' ? 'long' : 'short'): OpenTrade {
    const t: OpenTrade = {
      side,
      entryTime: fill.time,
      entry: emptySide(),
      exit: emptySide(),
      realized: ZERO,
      fees: ZERO,
    };
    this.open.set(fill.symbol, t);
    return t;
  }

  private addEntry(fill: Fill, qty: Decimal, fee: Decimal): void {
    const t = this.open.get(fill.symbol) ?? this.start(fill);
    addTo(t.entry, qty, fill.price);
    t.fees = sum(t.fees, fee);
  }
}
