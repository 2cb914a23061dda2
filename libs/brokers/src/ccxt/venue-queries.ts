import { Decimal, type Balance, type Order, type OrderRequest } from '@rustybt/engine';
import type { CcxtOrder, CcxtTrade } from './ccxt-types';
import { venueClientOrderId } from './client-order-id';
import { LOCATE_REQUESTS, locateOrder } from './locate-order';
import { forgetMarketsLoading } from './markets';
import { dec } from './order-mapping';
import type { Tracked } from './tracked-order';
import { BrokerOperationError, type VenueCaller } from './venue-call';
import type { Permissions, VenueProfile } from './venue-profiles';

export interface VenueOrderView {
  orderId: string;
  /** ccxt's unified status: open, closed, canceled, expired, rejected. */
  status: string;
  filled: Decimal;
  /** Quote amount of what filled. */
  cost: Decimal;
}

/** The venue requests that track nothing: each asks (or checks) and maps ccxt's answer to our types. */
export class VenueQueries {
  constructor(
    private readonly venue: VenueCaller,
    private readonly profile: VenueProfile,
    private readonly id: string,
  ) {}

  /** Loads the markets (spot only, see createExchange); resolves to how many there are. */
  async loadMarkets(): Promise<number> {
    const markets = await this.venue.call('loadMarkets', (ex, attempt) => {
      // ccxt keeps its loadMarkets promise and hands it out again, a failed one too, and while that
      // one is still settling (an attempt cut at its deadline) even loadMarkets(true) returns it: a
      // retry drops it, so it really asks again.
      if (attempt > 1) forgetMarketsLoading(ex);
      return ex.loadMarkets(attempt > 1);
    });
    return Object.keys(markets).length;
  }

  async balances(): Promise<Balance[]> {
    const b = await this.venue.call('fetchBalance', (ex) => ex.fetchBalance());
    const total = (b.total ?? {}) as unknown as Record<string, number | undefined>;
    const free = (b.free ?? {}) as unknown as Record<string, number | undefined>;
    const used = (b.used ?? {}) as unknown as Record<string, number | undefined>;
    return Object.keys(total)
      .sort()
      .map((asset) => {
        const t = dec(total[asset]) ?? new Decimal(0);
        const f = dec(free[asset]) ?? t.sub(dec(used[asset]) ?? 0);
        return { asset, free: f, used: dec(used[asset]) ?? t.sub(f), total: t };
      });
  }

  async permissions(): Promise<Permissions> {
    const read = this.profile.permissions;
    if (!read) return { canTrade: undefined, canWithdraw: undefined, source: `${this.id} has no permission query in ccxt's unified API` };
    return this.venue.call('permissions', (ex) => read(ex));
  }

  async lastPrice(symbol: string) {
    const t = await this.venue.call('fetchTicker', (ex) => ex.fetchTicker(symbol));
    const bid = dec(t.bid);
    const ask = dec(t.ask);
    const last = dec(t.last);
    return { ...(bid ? { bid } : {}), ...(ask ? { ask } : {}), ...(last ? { last } : {}) };
  }

  async venueOrder(symbol: string, clientOrderId: string): Promise<VenueOrderView | undefined> {
    const v = await this.venue.call('fetchOrder', (ex) => this.profile.findByClientId(ex, symbol, venueClientOrderId(clientOrderId)));
    if (!v) return undefined;
    const filled = dec(v.filled) ?? new Decimal(0);
    const cost = dec(v.cost) ?? filled.mul(dec(v.average) ?? 0);
    return { orderId: String(v.id), status: String(v.status ?? 'open'), filled, cost };
  }

  async venueOpenOrders(symbol: string) {
    const open = await this.venue.call('fetchOpenOrders', (ex) => ex.fetchOpenOrders(symbol));
    return open.map((v) => ({
      clientOrderId: String(v.clientOrderId ?? v.id),
      orderId: String(v.id),
      side: String(v.side),
      amount: dec(v.amount) ?? new Decimal(0),
      filled: dec(v.filled) ?? new Decimal(0),
    }));
  }

  /** The order's trades; none when the venue could not be asked (call() reported it; the next poll asks again). */
  async tradesOf(r: Order): Promise<CcxtTrade[]> {
    const trades = await this.venue
      .call('fetchMyTrades', (ex) => ex.fetchMyTrades(r.symbol, undefined, undefined, { orderId: r.orderId }))
      .catch(() => [] as CcxtTrade[]);
    return trades.filter((x) => x.order === undefined || String(x.order) === r.orderId);
  }

  /** The venue's order with the tracked order's client order id, asked every way locateOrder knows. */
  lookUp(t: Tracked): Promise<CcxtOrder | undefined> {
    const r = t.order;
    return this.venue.call('lookupOrder', (ex) => locateOrder(ex, this.profile, r.symbol, t.venueClientId, Math.min(r.createdAt, t.sentAt) - 60_000), {
      requests: LOCATE_REQUESTS,
    });
  }

  async testOrder(request: Pick<OrderRequest, 'symbol' | 'side' | 'type' | 'quantity' | 'limitPrice'>): Promise<void> {
    if (!this.profile.hasTestOrder) throw new BrokerOperationError('testOrder', 'NotSupported', `${this.id} has no test-order endpoint`, false);
    await this.venue.call('testOrder', (ex) =>
      ex.createOrder(
        request.symbol,
        request.type,
        request.side,
        Number(request.quantity.toString()),
        request.limitPrice ? Number(request.limitPrice.toString()) : undefined,
        { test: true },
      ),
    );
  }
}
