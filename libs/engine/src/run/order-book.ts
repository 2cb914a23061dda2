import type Decimal from 'decimal.js';
import { ZERO, numberOf } from '../model/decimal';
import { isTerminal, type Order } from '../model/order';

/** The run's view of its open orders, in submission order (deterministic iteration). */
export class OrderBook {
  private readonly open = new Map<string, Order>();
  /** Float mirror of each open order's signed unfilled quantity, for the "already there?" check per bar. */
  private readonly remaining = new Map<string, number>();

  get size(): number {
    return this.open.size;
  }

  get(clientOrderId: string): Order | undefined {
    return this.open.get(clientOrderId);
  }

  /** Records the latest state of an order; terminal orders leave the book. */
  /** `unfilled` (a float of quantity - filled), when the caller knows it, spares a decimal-to-number conversion. */
  update(order: Order, unfilled?: number): void {
    const id = order.clientOrderId;
    if (isTerminal(order.status)) {
      this.open.delete(id);
      this.remaining.delete(id);
      return;
    }
    const before = this.open.get(id);
    this.open.set(id, order);
    // Same filled quantity as before (e.g. new -> accepted): the float is still right.
    if (unfilled === undefined && before !== undefined && before.filledQuantity === order.filledQuantity && this.remaining.has(id)) return;
    const rest = unfilled ?? (order.filledQuantity.isZero() ? numberOf(order.quantity) : numberOf(order.quantity) - numberOf(order.filledQuantity));
    this.remaining.set(id, order.side === 'buy' ? rest : -rest);
  }

  /** Float estimate of pending(symbol); exact enough to spot "nothing to do", never used for a decision of record. */
  pendingNumber(symbol: string): number {
    let q = 0;
    for (const [id, rest] of this.remaining) if (this.open.get(id)!.symbol === symbol) q += rest;
    return q;
  }

  list(symbol?: string): Order[] {
    const all = [...this.open.values()];
    return symbol === undefined ? all : all.filter((o) => o.symbol === symbol);
  }

  /** Signed unfilled quantity of open orders for a symbol. */
  pending(symbol: string): Decimal {
    let q = ZERO;
    if (this.open.size === 0) return q;
    for (const o of this.open.values()) {
      if (o.symbol !== symbol) continue;
      const rest = o.quantity.sub(o.filledQuantity);
      q = o.side === 'buy' ? q.add(rest) : q.sub(rest);
    }
    return q;
  }

  symbols(): Set<string> {
    const s = new Set<string>();
    for (const o of this.open.values()) s.add(o.symbol);
    return s;
  }
}
