import { Decimal, isTerminal, type BrokerEvent, type Fill, type Order, type OrderRequest } from '@rustybt/engine';
import type { CcxtOrder, CcxtTrade } from './ccxt-types';
import { venueClientOrderId } from './client-order-id';
import { dec, fillFromDelta, fillFromTrade, statusOf } from './order-mapping';

/** What the broker holds about one order between the venue's answers. */
export interface Tracked {
  order: Order;
  venueClientId: string;
  seenFills: Set<string>;
  /** Cumulative quote cost of what we have reported filled (for fills inferred from totals). */
  cost: Decimal;
  busy: boolean;
  cancelRequested: boolean;
  /** When the order was last sent (or, for a recovered order, last known to be in doubt). */
  sentAt: number;
  /** The submit's outcome is unknown and the venue has not yet told us (see resolveUnknown). */
  unknown: boolean;
}

/** The broker's orders by engine client order id, and what the venue's answers do to them (each change an event). */
export class TrackedOrders {
  private readonly byClientId = new Map<string, Tracked>();

  constructor(
    private readonly now: () => number,
    private readonly emit: (event: BrokerEvent) => void,
  ) {}

  get(clientOrderId: string): Tracked | undefined {
    return this.byClientId.get(clientOrderId);
  }

  has(clientOrderId: string): boolean {
    return this.byClientId.has(clientOrderId);
  }

  all(): IterableIterator<Tracked> {
    return this.byClientId.values();
  }

  /** Copies of the orders that have not ended. */
  open(): Order[] {
    return [...this.byClientId.values()].filter((t) => !isTerminal(t.order.status)).map((t) => ({ ...t.order }));
  }

  add(order: Order, busy: boolean, venueClientId = venueClientOrderId(order.clientOrderId)): Tracked {
    const t: Tracked = { order, venueClientId, seenFills: new Set(), cost: new Decimal(0), busy, cancelRequested: false, sentAt: this.now(), unknown: false };
    this.byClientId.set(order.clientOrderId, t);
    return t;
  }

  /**
   * Takes over an order open at the venue as if nothing of it had been reported: what already filled
   * comes out as fills (from the venue's trades, with their ids) on the first poll. A caller that
   * counted some of them before a restart recognises them by fill id; counting from the venue's
   * cumulative total instead would report the old trades a second time when the order fills further.
   */
  adopt(v: CcxtOrder): void {
    const clientOrderId = v.clientOrderId ?? String(v.id);
    if (this.byClientId.has(clientOrderId)) return;
    const quantity = dec(v.amount) ?? new Decimal(0);
    const order: Order = {
      clientOrderId,
      orderId: String(v.id),
      symbol: String(v.symbol),
      side: v.side === 'sell' ? 'sell' : 'buy',
      type: v.type === 'market' ? 'market' : 'limit',
      quantity,
      ...(dec(v.price) ? { limitPrice: dec(v.price) as Decimal } : {}),
      timeInForce: v.timeInForce === 'IOC' ? 'IOC' : 'GTC',
      createdAt: v.timestamp ?? this.now(),
      status: 'accepted',
      filledQuantity: new Decimal(0),
      updatedAt: this.now(),
    };
    this.add(order, false, clientOrderId);
  }

  /** The venue has the order (answered the submit, or was found holding it). */
  accept(t: Tracked, venue: CcxtOrder): void {
    const r = t.order;
    t.unknown = false;
    if (venue.id !== undefined && venue.id !== null) r.orderId = String(venue.id);
    r.status = 'accepted';
    r.updatedAt = this.now();
    this.emit({ type: 'order_accepted', order: { ...r } });
  }

  /** A held order (adopted at connect) recovered by a request of a previous run: the venue has it; the request's terms are kept. */
  retake(t: Tracked, request: OrderRequest): void {
    if (isTerminal(t.order.status)) return;
    t.order = { ...request, orderId: t.order.orderId, status: t.order.status, filledQuantity: t.order.filledQuantity, updatedAt: this.now() };
    this.emit({ type: 'order_accepted', order: { ...t.order } });
  }

  /** The submit's outcome is unknown: `order_unknown` and an `OrderOutcomeUnknown` broker_error, once (reason and message come redacted). */
  markUnknown(t: Tracked, reason: string, message: string): void {
    const r = t.order;
    t.busy = true;
    t.unknown = true;
    if (r.status === 'unknown') return;
    r.status = 'unknown';
    r.reason = reason;
    r.updatedAt = this.now();
    this.emit({ type: 'order_unknown', order: { ...r }, reason: r.reason });
    this.emit({ type: 'broker_error', operation: 'submit', errorType: 'OrderOutcomeUnknown', message });
  }

  /** The fills these trades of the order carry, each reported once (by fill id). */
  applyTrades(t: Tracked, trades: CcxtTrade[]): void {
    for (const trade of trades) {
      const fill = fillFromTrade(t.order, trade, this.now());
      if (fill && !t.seenFills.has(fill.fillId)) this.recordFill(t, fill);
    }
  }

  /** A venue order update: fills from its trades, else inferred from its cumulative totals, then its final status. */
  applyUpdate(t: Tracked, venue: CcxtOrder, trades: CcxtTrade[]): void {
    const r = t.order;
    this.applyTrades(t, trades);
    const filled = dec(venue.filled);
    if (filled && filled.gt(r.filledQuantity)) {
      const inferred = fillFromDelta(r, venue, t.cost, this.now());
      if (inferred) this.recordFill(t, inferred);
    }
    const status = statusOf(venue, r.filledQuantity, r.quantity);
    if (status === 'cancelled') this.finish(t, 'cancelled', 'cancelled at the venue');
    else if (status === 'expired') this.finish(t, 'expired', 'expired at the venue');
    else if (status === 'rejected') this.finish(t, 'rejected', 'rejected by the venue');
  }

  /** Ends the order with this status, unless it has already ended. */
  finish(t: Tracked, status: 'cancelled' | 'expired' | 'rejected', reason: string): void {
    const r = t.order;
    if (isTerminal(r.status)) return;
    r.status = status;
    r.reason = reason;
    r.updatedAt = this.now();
    if (status === 'cancelled') this.emit({ type: 'order_cancelled', order: { ...r }, reason });
    else if (status === 'expired') this.emit({ type: 'order_expired', order: { ...r }, reason });
    else this.emit({ type: 'order_rejected', order: { ...r }, reason });
  }

  private recordFill(t: Tracked, fill: Fill): void {
    const r = t.order;
    t.seenFills.add(fill.fillId);
    const before = r.filledQuantity;
    r.filledQuantity = before.add(fill.quantity);
    r.averageFillPrice = (r.averageFillPrice ?? new Decimal(0)).mul(before).add(fill.price.mul(fill.quantity)).div(r.filledQuantity);
    t.cost = t.cost.add(fill.price.mul(fill.quantity));
    r.status = r.filledQuantity.gte(r.quantity) ? 'filled' : 'partially_filled';
    r.updatedAt = this.now();
    this.emit({ type: 'order_filled', order: { ...r }, fill });
  }
}
