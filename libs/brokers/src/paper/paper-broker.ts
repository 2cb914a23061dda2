import { Subject, type Observable } from 'rxjs';
import {
  Decimal,
  ZERO,
  changedOrder,
  isPositive,
  numberOf,
  toDecimal,
  orderOf,
  seededRandom,
  type Balance,
  type Bar,
  type Broker,
  type BrokerEvent,
  type BrokerRestoreState,
  type Fill,
  type Order,
  type OrderRequest,
} from '@rustybt/engine';
import { paperBrokerConfigSchema, type PaperBrokerConfig, type PaperBrokerConfigInput } from './config';
import { matchClose, matchNextOpen } from './match';
import { commissionFor, latencyModel, slippedPrice } from './price-models';

const DAY_MS = 86_400_000;

interface Resting {
  order: Order;
  /** Index (per symbol) of the bar the order was placed on; it trades only on later bars, except in close mode. */
  placedBar: number;
  /** Earliest bar time it can trade at (placement bar time + latency). */
  activeAt: number;
  placedDay: number;
  triggered: boolean;
  fills: number;
  /** Float mirror of the unfilled quantity. */
  remainingNumber: number;
}

interface MarketState {
  bar: Bar;
  index: number;
  /** Quantity filled on the current bar, exactly and as a float (the float decides the easy cases). */
  volumeUsed: Decimal;
  volumeUsedNumber: number;
}

/** How many recent client order ids the duplicate check remembers (resting orders are always known). */
const RECENT_IDS = 10_000;

/**
 * A simulated venue: holds its own cash and positions, accepts or rejects orders, and fills them
 * against each bar it is shown. All results go out on `events$` synchronously, so a backtest is
 * deterministic. See README for the fill rules.
 */
export class PaperBroker implements Broker {
  readonly reports = 'in-bar' as const;
  readonly id = 'paper';
  readonly config: PaperBrokerConfig;
  readonly events$: Observable<BrokerEvent>;

  private readonly subject = new Subject<BrokerEvent>();
  private readonly resting = new Map<string, Resting>();
  /**
   * Recent client order ids, to refuse a duplicate submit. Bounded so a session of millions of orders
   * keeps flat memory: a retry repeats a recent id, and resting orders are checked separately.
   */
  private readonly seen = new Set<string>();
  /** The same ids in arrival order, as a ring: the oldest is forgotten first, in O(1). */
  private readonly seenOrder: string[] = [];
  private seenNext = 0;
  private readonly markets = new Map<string, MarketState>();
  private readonly positions = new Map<string, Decimal>();
  private readonly latency: () => number;
  private cash: Decimal = ZERO;
  /** Float mirror of cash, refreshed at every change: lets most affordability checks skip decimals. */
  private cashNumberCache = 0;
  /** The float mirror is made when a check asks for it, not at every fill (toNumber costs about a microsecond). */
  private cashNumberStale = false;
  private orderSeq = 0;

  constructor(config: PaperBrokerConfigInput = {}) {
    this.config = paperBrokerConfigSchema.parse(config);
    this.latency = latencyModel(this.config.latency, seededRandom(this.config.seed));
    this.events$ = this.subject.asObservable();
  }

  async connect(): Promise<void> {}

  async close(): Promise<void> {}

  restore(state: BrokerRestoreState): void {
    this.setCash(state.cash);
    this.positions.clear();
    for (const p of state.positions) this.positions.set(p.symbol, p.quantity);
    this.resting.clear();
    for (const order of state.openOrders) {
      this.remember(order.clientOrderId);
      const n = Number(/^paper-(\d+)$/.exec(order.orderId ?? '')?.[1] ?? 0);
      if (n > this.orderSeq) this.orderSeq = n;
      this.resting.set(order.clientOrderId, {
        order:
          order.orderId !== undefined ? order : changedOrder(order, { status: order.status, updatedAt: order.updatedAt, orderId: `paper-${++this.orderSeq}` }),
        placedBar: -1,
        activeAt: Number.NEGATIVE_INFINITY,
        placedDay: Math.floor(order.createdAt / DAY_MS),
        triggered: false,
        fills: 0,
        remainingNumber: order.quantity.sub(order.filledQuantity).toNumber(),
      });
    }
  }

  private remember(clientOrderId: string): void {
    if (this.seenOrder.length === RECENT_IDS) this.seen.delete(this.seenOrder[this.seenNext]!);
    this.seenOrder[this.seenNext] = clientOrderId;
    this.seenNext = (this.seenNext + 1) % RECENT_IDS;
    this.seen.add(clientOrderId);
  }

  openOrders(): Order[] {
    return [...this.resting.values()].map((r) => r.order);
  }

  async balances(): Promise<Balance[]> {
    const used = this.reservedCash();
    const out: Balance[] = [{ asset: this.config.currency, free: this.cash.sub(used), used, total: this.cash }];
    for (const [symbol, qty] of this.positions) if (!qty.isZero()) out.push({ asset: symbol, free: qty, used: ZERO, total: qty });
    return out;
  }

  submit(request: OrderRequest): void {
    const time = this.markets.get(request.symbol)?.bar.time ?? request.createdAt;
    if (this.seen.has(request.clientOrderId) || this.resting.has(request.clientOrderId)) {
      return this.reject(request, time, `duplicate client order id ${request.clientOrderId}`);
    }
    this.remember(request.clientOrderId);
    if (!request.quantity.isFinite() || !isPositive(request.quantity)) return this.reject(request, time, 'quantity must be positive');
    if ((request.type === 'limit' || request.type === 'stop_limit') && !request.limitPrice?.gt(0))
      return this.reject(request, time, 'limit price must be positive');
    if ((request.type === 'stop' || request.type === 'stop_limit') && !request.stopPrice?.gt(0))
      return this.reject(request, time, 'stop price must be positive');
    const market = this.markets.get(request.symbol);
    if (!market) return this.reject(request, time, `no market data for ${request.symbol} yet`);
    const quantityNumber = numberOf(request.quantity);
    const refusal = this.affordability(request, quantityNumber, market.bar);
    if (refusal) return this.reject(request, time, refusal);

    const order = orderOf(request, 'accepted', ZERO, time, `paper-${++this.orderSeq}`);
    const delay = this.latency();
    const r: Resting = {
      order,
      placedBar: market.index,
      activeAt: market.bar.time + delay,
      placedDay: Math.floor(market.bar.time / DAY_MS),
      triggered: false,
      fills: 0,
      remainingNumber: quantityNumber,
    };
    this.resting.set(order.clientOrderId, r);
    this.emit({ type: 'order_accepted', order });
    if (this.config.fillAt === 'close' && delay === 0) {
      this.tryFill(r, market, true);
      // The submission bar was an IOC order's one chance.
      if (request.timeInForce === 'IOC' && this.resting.has(request.clientOrderId))
        this.finish(r, 'order_cancelled', 'IOC: the unfilled quantity was cancelled');
    }
  }

  private reject(request: OrderRequest, time: number, reason: string): void {
    const order = orderOf(request, 'rejected', ZERO, time);
    order.reason = reason;
    this.emit({ type: 'order_rejected', order, reason });
  }

  cancel(clientOrderId: string): void {
    const r = this.resting.get(clientOrderId);
    if (!r) return;
    this.finish(r, 'order_cancelled', 'cancelled on request');
  }

  onBar(bar: Bar): void {
    let market = this.markets.get(bar.symbol);
    if (market) {
      market.bar = bar;
      market.index++;
      market.volumeUsed = ZERO;
      market.volumeUsedNumber = 0;
    } else {
      market = { bar, index: 0, volumeUsed: ZERO, volumeUsedNumber: 0 };
      this.markets.set(bar.symbol, market);
    }
    if (this.resting.size === 0) return;
    const day = Math.floor(bar.time / DAY_MS);
    // Map iteration tolerates the deletions finishing an order makes.
    for (const r of this.resting.values()) {
      if (r.order.symbol !== bar.symbol) continue;
      if (r.order.timeInForce === 'DAY' && day > r.placedDay) {
        this.finish(r, 'order_expired', 'DAY order not filled by the end of its UTC day');
        continue;
      }
      if (market.index <= r.placedBar || bar.time < r.activeAt) continue;
      this.tryFill(r, market, false);
      if (r.order.timeInForce === 'IOC' && this.resting.has(r.order.clientOrderId)) {
        this.finish(r, 'order_cancelled', 'IOC: the unfilled quantity was cancelled');
      }
    }
  }

  private tryFill(r: Resting, market: MarketState, onSubmissionBar: boolean): void {
    const o = r.order;
    const bar = market.bar;
    const m = this.config.fillAt === 'close' ? matchClose(o, r.triggered, bar, onSubmissionBar) : matchNextOpen(o, r.triggered, bar);
    r.triggered = m.triggered;
    if (!m.price) return;
    let quantity = o.filledQuantity.isZero() ? o.quantity : o.quantity.sub(o.filledQuantity);
    // Volume 0 means the bar carries no volume information: no limit. Far below the cap, floats decide.
    const cap = bar.volume * this.config.volumeLimit;
    if (bar.volume > 0 && !(r.remainingNumber + market.volumeUsedNumber < cap * (1 - 1e-9))) {
      quantity = Decimal.min(quantity, new Decimal(bar.volume).mul(this.config.volumeLimit).sub(market.volumeUsed));
    }
    if (!isPositive(quantity)) return;
    const limit = o.type === 'limit' || o.type === 'stop_limit' ? o.limitPrice : undefined;
    const price = slippedPrice(this.config.slippage, o.side, m.price, quantity, bar.volume, limit);
    const liquidity = m.taker ? 'taker' : 'maker';
    const commission = commissionFor(this.config.commission, quantity, price, liquidity);
    const held = this.positions.get(o.symbol) ?? ZERO;
    const notional = quantity.mul(price);
    const fee = !commission.isZero();
    if (o.side === 'buy') {
      const cost = fee ? notional.add(commission) : notional;
      if (cost.gt(this.cash)) {
        return this.finish(
          r,
          'order_cancelled',
          `insufficient cash at fill: ${quantity.toString()} at ${price.toString()} plus fees costs ${cost.toString()}, cash is ${this.cash.toString()}`,
        );
      }
    } else if (!this.config.allowShort && quantity.gt(held)) {
      return this.finish(r, 'order_cancelled', `insufficient position at fill: selling ${quantity.toString()}, holding ${held.toString()}`);
    }
    const quantityNumber = quantity === o.quantity ? r.remainingNumber : numberOf(quantity);
    market.volumeUsed = market.volumeUsed.isZero() ? quantity : market.volumeUsed.add(quantity);
    market.volumeUsedNumber += quantityNumber;
    r.remainingNumber -= quantityNumber;
    const buy = o.side === 'buy';
    this.positions.set(o.symbol, held.isZero() ? (buy ? quantity : quantity.neg()) : buy ? held.add(quantity) : quantity === held ? ZERO : held.sub(quantity));
    const cash = buy ? this.cash.sub(notional) : this.cash.add(notional);
    this.setCash(fee ? cash.sub(commission) : cash);
    const filled = o.filledQuantity.isZero() ? quantity : o.filledQuantity.add(quantity);
    const average = o.averageFillPrice ? o.averageFillPrice.mul(o.filledQuantity).add(price.mul(quantity)).div(filled) : price;
    const done = filled === o.quantity || filled.gte(o.quantity);
    const order = changedOrder(o, { filledQuantity: filled, averageFillPrice: average, status: done ? 'filled' : 'partially_filled', updatedAt: bar.time });
    const fill: Fill = {
      fillId: `${o.clientOrderId}-f${++r.fills}`,
      clientOrderId: o.clientOrderId,
      orderId: o.orderId,
      symbol: o.symbol,
      side: o.side,
      quantity,
      price,
      commission,
      time: bar.time,
      liquidity,
    };
    if (done) this.resting.delete(o.clientOrderId);
    else r.order = order;
    this.emit({ type: 'order_filled', order, fill });
  }

  private finish(r: Resting, type: 'order_cancelled' | 'order_expired', reason: string): void {
    this.resting.delete(r.order.clientOrderId);
    const time = this.markets.get(r.order.symbol)?.bar.time ?? r.order.updatedAt;
    const status = type === 'order_cancelled' ? 'cancelled' : 'expired';
    this.emit({ type, order: changedOrder(r.order, { status, reason, updatedAt: time }), reason });
  }

  /** Refuses what the account cannot pay for, counting what open orders already promise. */
  private setCash(cash: Decimal): void {
    this.cash = cash;
    this.cashNumberStale = true;
  }

  private get cashNumber(): number {
    if (this.cashNumberStale) {
      this.cashNumberCache = numberOf(this.cash);
      this.cashNumberStale = false;
    }
    return this.cashNumberCache;
  }

  private affordability(request: OrderRequest, quantityNumber: number, bar: Bar): string | undefined {
    // A buy far inside free cash at the last close, with nothing else promised and no fees, is
    // affordable without decimal arithmetic; everything else is checked exactly below.
    if (request.side === 'buy' && request.type === 'market' && this.resting.size === 0 && this.config.commission.model === 'none') {
      if (quantityNumber * bar.close < this.cashNumber * (1 - 1e-9)) return undefined;
    }
    const price = request.limitPrice ?? request.stopPrice ?? toDecimal(bar.close);
    const held = this.positions.get(request.symbol) ?? ZERO;
    const reserved = this.reservedCash();
    const free = reserved.isZero() ? this.cash : this.cash.sub(reserved);
    if (request.side === 'buy') {
      const fee = commissionFor(this.config.commission, request.quantity, price, 'taker');
      const notional = request.quantity.mul(price);
      const cost = fee.isZero() ? notional : notional.add(fee);
      if (cost.gt(free))
        return `insufficient cash: ${request.quantity.toString()} ${request.symbol} at ${price.toString()} costs ${cost.toString()}, ${free.toString()} free`;
      return undefined;
    }
    let sellsOpen = ZERO;
    for (const r of this.resting.values()) {
      if (r.order.symbol === request.symbol && r.order.side === 'sell') sellsOpen = sellsOpen.add(r.order.quantity.sub(r.order.filledQuantity));
    }
    const sellable = sellsOpen.isZero() ? held : Decimal.max(held.sub(sellsOpen), ZERO);
    if (request.quantity === sellable || request.quantity.lte(sellable)) return undefined;
    const short = request.quantity.sub(Decimal.max(sellable, ZERO));
    if (!this.config.allowShort)
      return `insufficient position: selling ${request.quantity.toString()} ${request.symbol}, ${Decimal.max(sellable, ZERO).toString()} available (short selling is off)`;
    const margin = short.mul(price);
    if (margin.gt(free)) return `insufficient cash to short ${short.toString()} ${request.symbol}: needs ${margin.toString()}, ${free.toString()} free`;
    return undefined;
  }

  /** Cash promised to open orders: buys at their price plus fees, and the part of sells that would open a short. */
  private reservedCash(): Decimal {
    let used = ZERO;
    if (this.resting.size === 0) return used;
    const sells = new Map<string, Decimal>();
    for (const r of this.resting.values()) {
      const o = r.order;
      const rest = o.quantity.sub(o.filledQuantity);
      if (o.side === 'sell') {
        sells.set(o.symbol, (sells.get(o.symbol) ?? ZERO).add(rest));
        continue;
      }
      const price = o.limitPrice ?? o.stopPrice ?? this.lastClose(o.symbol);
      used = used.add(rest.mul(price)).add(commissionFor(this.config.commission, rest, price, 'taker'));
    }
    for (const [symbol, qty] of sells) {
      const short = qty.sub(this.positions.get(symbol) ?? ZERO);
      if (short.gt(0)) used = used.add(short.mul(this.lastClose(symbol)));
    }
    return used;
  }

  private lastClose(symbol: string): Decimal {
    return toDecimal(this.markets.get(symbol)?.bar.close ?? 0);
  }

  private emit(event: BrokerEvent): void {
    this.subject.next(event);
  }
}
