import Decimal from 'decimal.js';
import { COMMISSION_RATE, DEFAULT_BALANCES, DEFAULT_MARKETS, type SimMarket } from './markets';
import type { SimAccountConfig } from './options';
import { PricePath } from './price-path';

export type SimOrderStatus = 'NEW' | 'PARTIALLY_FILLED' | 'FILLED' | 'CANCELED' | 'REJECTED';

export interface SimTrade {
  id: number;
  orderId: string;
  symbol: string;
  side: 'BUY' | 'SELL';
  price: Decimal;
  qty: Decimal;
  quoteQty: Decimal;
  commission: Decimal;
  commissionAsset: string;
  time: number;
  isMaker: boolean;
}

export interface SimOrder {
  orderId: string;
  clientOrderId: string;
  apiKey: string;
  symbol: string;
  side: 'BUY' | 'SELL';
  type: 'MARKET' | 'LIMIT';
  timeInForce: 'GTC' | 'IOC' | 'FOK';
  quantity: Decimal;
  price?: Decimal;
  status: SimOrderStatus;
  executedQty: Decimal;
  cumQuote: Decimal;
  createdAt: number;
  updatedAt: number;
  trades: SimTrade[];
}

export interface NewOrder {
  symbol: string;
  side: 'BUY' | 'SELL';
  type: 'MARKET' | 'LIMIT';
  timeInForce?: 'GTC' | 'IOC' | 'FOK';
  quantity?: Decimal;
  /** Market buys may give the quote amount to spend instead of a quantity. */
  quoteQuantity?: Decimal;
  price?: Decimal;
  clientOrderId?: string;
}

/** A business refusal; each dialect turns `code` into its own error answer. */
export class VenueError extends Error {
  constructor(
    readonly code: 'insufficient_balance' | 'unknown_order' | 'duplicate_order' | 'bad_symbol' | 'invalid_quantity' | 'invalid_price' | 'cannot_trade',
    message: string,
  ) {
    super(message);
  }
}

interface Asset {
  free: Decimal;
  locked: Decimal;
}

export interface SimAccount {
  apiKey: string;
  secret: string;
  canTrade: boolean;
  canWithdraw: boolean;
  assets: Map<string, Asset>;
}

const SPREAD = new Decimal('0.0002');

/**
 * The venue both dialects share: accounts, orders and a matcher against the seeded price path.
 * Resting limit orders are matched lazily, whenever a request touches the venue, which is all a
 * polling client can observe anyway.
 */
export class Venue {
  readonly markets = new Map<string, SimMarket>(DEFAULT_MARKETS.map((m) => [m.id, m]));
  readonly prices: PricePath;
  private readonly accounts = new Map<string, SimAccount>();
  private readonly orders = new Map<string, SimOrder>();
  /** Indexes so a long session (a benchmark places thousands of orders) stays O(1) per request. */
  private readonly resting = new Set<SimOrder>();
  private readonly byClientId = new Map<string, SimOrder>();
  /** Base quantity a limit order can fill each time the venue matches, by market (unset: all of it). */
  private readonly depth = new Map<string, Decimal>();
  private nextOrderId = 1000;
  private nextTradeId = 1;

  constructor(
    seed: number,
    accounts: SimAccountConfig[],
    private readonly now: () => number,
  ) {
    this.prices = new PricePath(seed);
    for (const a of accounts) {
      const assets = new Map<string, Asset>();
      for (const [asset, amount] of Object.entries(a.balances ?? DEFAULT_BALANCES)) assets.set(asset, { free: new Decimal(amount), locked: new Decimal(0) });
      this.accounts.set(a.apiKey, { apiKey: a.apiKey, secret: a.secret, canTrade: a.canTrade ?? true, canWithdraw: a.canWithdraw ?? false, assets });
    }
  }

  account(apiKey: string): SimAccount | undefined {
    return this.accounts.get(apiKey);
  }

  /**
   * Liquidity at the touch: a crossing limit order fills at most `qty` each time the venue matches
   * (on every request), so it goes PARTIALLY_FILLED and fills in parts. `undefined`: no limit.
   */
  setDepth(marketId: string, qty: Decimal | undefined): void {
    if (qty === undefined) this.depth.delete(marketId);
    else this.depth.set(marketId, qty);
  }

  market(id: string): SimMarket | undefined {
    return this.markets.get(id);
  }

  quote(market: SimMarket): { bid: Decimal; ask: Decimal; mid: Decimal } {
    const mid = this.prices.mid(market, this.now());
    const half = mid.mul(SPREAD).div(2).toNearest(market.tickSize, Decimal.ROUND_UP);
    const bid = Decimal.max(market.tickSize, mid.sub(half));
    return { bid, ask: mid.add(half), mid };
  }

  balances(apiKey: string): Array<{ asset: string; free: Decimal; locked: Decimal }> {
    const account = this.accounts.get(apiKey);
    if (!account) return [];
    return [...account.assets.entries()].map(([asset, a]) => ({ asset, free: a.free, locked: a.locked })).sort((x, y) => x.asset.localeCompare(y.asset));
  }

  allOrders(): SimOrder[] {
    return [...this.orders.values()];
  }

  ordersOf(apiKey: string, filter: { symbol?: string; openOnly?: boolean } = {}): SimOrder[] {
    this.matchResting();
    return [...(filter.openOnly ? this.resting : this.orders.values())]
      .filter((o) => o.apiKey === apiKey && (!filter.symbol || o.symbol === filter.symbol))
      .sort((a, b) => Number(a.orderId) - Number(b.orderId));
  }

  find(apiKey: string, by: { orderId?: string; clientOrderId?: string }): SimOrder | undefined {
    this.matchResting();
    const o =
      by.orderId !== undefined
        ? this.orders.get(by.orderId)
        : by.clientOrderId !== undefined
          ? this.byClientId.get(`${apiKey}\n${by.clientOrderId}`)
          : undefined;
    return o && o.apiKey === apiKey ? o : undefined;
  }

  tradesOf(apiKey: string, symbol: string, orderId?: string): SimTrade[] {
    if (orderId !== undefined) {
      const o = this.find(apiKey, { orderId });
      return o && o.symbol === symbol ? [...o.trades] : [];
    }
    return this.ordersOf(apiKey, { symbol })
      .flatMap((o) => o.trades)
      .sort((a, b) => a.id - b.id);
  }

  /** Validates, reserves funds and matches what can match now. `dryRun` only validates (order/test). */
  place(apiKey: string, req: NewOrder, dryRun = false): SimOrder {
    const account = this.accounts.get(apiKey);
    const market = this.markets.get(req.symbol);
    if (!account) throw new VenueError('cannot_trade', 'Unknown account.');
    if (!account.canTrade) throw new VenueError('cannot_trade', 'This account may not place or cancel orders.');
    if (!market) throw new VenueError('bad_symbol', 'Invalid symbol.');
    if (req.clientOrderId !== undefined && this.find(apiKey, { clientOrderId: req.clientOrderId })) {
      throw new VenueError('duplicate_order', 'Duplicate order sent.');
    }
    const { bid, ask } = this.quote(market);
    let quantity = req.quantity;
    if (quantity === undefined && req.quoteQuantity !== undefined && req.type === 'MARKET') {
      const px = req.side === 'BUY' ? ask : bid;
      quantity = req.quoteQuantity.div(px).toNearest(market.stepSize, Decimal.ROUND_DOWN);
    }
    if (quantity === undefined || !quantity.isFinite() || quantity.lt(market.minQty))
      throw new VenueError('invalid_quantity', `Filter failure: LOT_SIZE (quantity must be at least ${market.minQty.toString()}).`);
    if (!quantity.mod(market.stepSize).isZero())
      throw new VenueError('invalid_quantity', 'Filter failure: LOT_SIZE (quantity is not a multiple of the step size).');
    if (req.type === 'LIMIT') {
      if (!req.price || !req.price.isFinite() || req.price.lte(0))
        throw new VenueError('invalid_price', 'Filter failure: PRICE_FILTER (a positive price is required).');
      if (!req.price.mod(market.tickSize).isZero())
        throw new VenueError('invalid_price', 'Filter failure: PRICE_FILTER (price is not a multiple of the tick size).');
    }
    const refPrice = req.type === 'LIMIT' ? (req.price as Decimal) : req.side === 'BUY' ? ask : bid;
    if (quantity.mul(refPrice).lt(market.minNotional))
      throw new VenueError('invalid_quantity', `Filter failure: NOTIONAL (order value must be at least ${market.minNotional.toString()}).`);
    const [payAsset, payAmount] = req.side === 'BUY' ? [market.quote, quantity.mul(refPrice)] : [market.base, quantity];
    const funds = account.assets.get(payAsset);
    if (!funds || funds.free.lt(payAmount)) throw new VenueError('insufficient_balance', 'Account has insufficient balance for requested action.');
    const now = this.now();
    const order: SimOrder = {
      orderId: String(this.nextOrderId),
      clientOrderId: req.clientOrderId ?? `sim-${this.nextOrderId}`,
      apiKey,
      symbol: market.id,
      side: req.side,
      type: req.type,
      timeInForce: req.timeInForce ?? 'GTC',
      quantity,
      ...(req.type === 'LIMIT' ? { price: req.price as Decimal } : {}),
      status: 'NEW',
      executedQty: new Decimal(0),
      cumQuote: new Decimal(0),
      createdAt: now,
      updatedAt: now,
      trades: [],
    };
    if (dryRun) return order;
    this.nextOrderId++;
    funds.free = funds.free.sub(payAmount);
    funds.locked = funds.locked.add(payAmount);
    this.orders.set(order.orderId, order);
    this.byClientId.set(`${apiKey}\n${order.clientOrderId}`, order);
    this.resting.add(order);
    this.tryMatch(order, account, false);
    // What an IOC or FOK order could not fill at once is cancelled, as is a market order the price did not reach.
    if (order.status !== 'FILLED' && (order.type === 'MARKET' || order.timeInForce !== 'GTC')) this.cancelOrder(order, account);
    return order;
  }

  cancel(apiKey: string, by: { orderId?: string; clientOrderId?: string }): SimOrder {
    const account = this.accounts.get(apiKey);
    const order = this.find(apiKey, by);
    if (!account || !order || order.status === 'FILLED' || order.status === 'CANCELED' || order.status === 'REJECTED') {
      throw new VenueError('unknown_order', 'Unknown order sent.');
    }
    this.cancelOrder(order, account);
    return order;
  }

  /** Fills resting limit orders the current price has crossed, as maker at their limit price. */
  matchResting(): void {
    for (const order of this.resting) {
      const account = this.accounts.get(order.apiKey);
      if (account) this.tryMatch(order, account, true);
    }
  }

  private tryMatch(order: SimOrder, account: SimAccount, resting: boolean): void {
    const market = this.markets.get(order.symbol) as SimMarket;
    const { bid, ask } = this.quote(market);
    let price: Decimal | undefined;
    if (order.type === 'MARKET') price = order.side === 'BUY' ? ask : bid;
    else if (order.side === 'BUY' && ask.lte(order.price as Decimal)) price = resting ? (order.price as Decimal) : ask;
    else if (order.side === 'SELL' && bid.gte(order.price as Decimal)) price = resting ? (order.price as Decimal) : bid;
    if (!price) return;
    const left = order.quantity.sub(order.executedQty);
    // A market order walks the book and fills whole; a limit order takes what rests at the touch.
    const depth = order.type === 'LIMIT' ? this.depth.get(order.symbol) : undefined;
    const qty = depth ? Decimal.min(left, depth) : left;
    const quoteQty = qty.mul(price);
    const [receiveAsset, received] = order.side === 'BUY' ? [market.base, qty] : [market.quote, quoteQty];
    const commission = received.mul(COMMISSION_RATE).toDecimalPlaces(8, Decimal.ROUND_UP);
    const payAsset = order.side === 'BUY' ? market.quote : market.base;
    const pay = account.assets.get(payAsset) as Asset;
    // Release what this order reserved at its reference price, take what the fill actually cost.
    const reserved = order.side === 'BUY' ? qty.mul(order.price ?? price) : qty;
    const cost = order.side === 'BUY' ? quoteQty : qty;
    pay.locked = pay.locked.sub(reserved);
    pay.free = pay.free.add(reserved).sub(cost);
    const receive = account.assets.get(receiveAsset) ?? { free: new Decimal(0), locked: new Decimal(0) };
    receive.free = receive.free.add(received).sub(commission);
    account.assets.set(receiveAsset, receive);
    const now = this.now();
    order.trades.push({
      id: this.nextTradeId++,
      orderId: order.orderId,
      symbol: order.symbol,
      side: order.side,
      price,
      qty,
      quoteQty,
      commission,
      commissionAsset: receiveAsset,
      time: now,
      isMaker: resting,
    });
    order.executedQty = order.executedQty.add(qty);
    order.cumQuote = order.cumQuote.add(quoteQty);
    order.status = order.executedQty.gte(order.quantity) ? 'FILLED' : 'PARTIALLY_FILLED';
    order.updatedAt = now;
    if (order.status === 'FILLED') this.resting.delete(order);
  }

  private cancelOrder(order: SimOrder, account: SimAccount): void {
    const market = this.markets.get(order.symbol) as SimMarket;
    const left = order.quantity.sub(order.executedQty);
    const [asset, amount] = order.side === 'BUY' ? [market.quote, left.mul(order.price ?? this.quote(market).ask)] : [market.base, left];
    const funds = account.assets.get(asset) as Asset;
    funds.locked = funds.locked.sub(amount);
    funds.free = funds.free.add(amount);
    order.status = 'CANCELED';
    order.updatedAt = this.now();
    this.resting.delete(order);
  }
}
