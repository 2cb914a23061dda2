import { Subject, type Observable } from 'rxjs';
import { Decimal, isTerminal, type Balance, type Broker, type BrokerEvent, type Fill, type Order, type OrderRequest } from '@rustybt/engine';
import type { CcxtModule, CcxtOrder, CcxtTrade, Exchange } from './ccxt-types';
import { adjustNonce, measureClock, type ClockReading } from './clock-sync';
import { venueClientOrderId } from './client-order-id';
import { createExchange } from './create-exchange';
import { abortableSleep, withDeadline } from './deadline';
import { classifyError, isDuplicateOrder, outcomeUnknown, type ClassifiedError } from './error-taxonomy';
import { LOCATE_REQUESTS, locateOrder } from './locate-order';
import { ccxtBrokerOptionsSchema, type BrokerLogEntry, type CcxtBrokerOptions, type CcxtBrokerOptionsInput } from './options';
import { dec, fillFromDelta, fillFromTrade, statusOf } from './order-mapping';
import { makeRedactor } from './redact';
import { backoff } from './retry';
import { venueProfile, type Permissions, type VenueProfile } from './venue-profiles';

/** ccxt's precisionMode for "precision values are step sizes" (the others count decimal places). */
const TICK_SIZE = 4;

interface Tracked {
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

/** After recvWindow the venue refuses the request on arrival; this margin covers the clock offset we measured around it. */
const ABSENT_MARGIN_MS = 1000;

/** A failure that ended an operation, already classified and redacted. */
export class BrokerOperationError extends Error {
  constructor(
    readonly operation: string,
    readonly errorType: string,
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = 'BrokerOperationError';
  }
}

export interface VenueOrderView {
  orderId: string;
  /** ccxt's unified status: open, closed, canceled, expired, rejected. */
  status: string;
  filled: Decimal;
  /** Quote amount of what filled. */
  cost: Decimal;
}

export interface MarketInfo {
  symbol: string;
  active: boolean;
  minAmount?: Decimal;
  minCost?: Decimal;
  amountStep?: Decimal;
  priceStep?: Decimal;
}

/**
 * The engine's Broker for any ccxt venue. Commands go in through methods and never throw for a
 * venue's refusal; every outcome, every retry and every final error comes out on `events$`.
 * See README "CcxtBroker" for the retry taxonomy and the exactly-once submit rule.
 */
export class CcxtBroker implements Broker {
  readonly reports = 'between-bars' as const;
  readonly id: string;
  readonly events$: Observable<BrokerEvent>;
  readonly options: CcxtBrokerOptions;
  /** Last measured venue-minus-local clock offset (ms); ccxt nonces are adjusted by it. */
  clock: ClockReading | undefined;

  private readonly subject = new Subject<BrokerEvent>();
  private readonly tracked = new Map<string, Tracked>();
  private readonly inFlight = new Set<Promise<unknown>>();
  private readonly profile: VenueProfile;
  private readonly redact: (text: string) => string;
  private readonly delay: (attempt: number) => number;
  private readonly now: () => number;
  private readonly log: (entry: BrokerLogEntry) => void;
  private readonly loadCcxt: () => Promise<CcxtModule>;
  private ex: Exchange | undefined;
  private pollTimer: NodeJS.Timeout | undefined;
  private closed = false;
  /** Aborted by close(): cuts every request in flight and every backoff. */
  private readonly closing = new AbortController();

  constructor(input: CcxtBrokerOptionsInput, hooks: { log?: (entry: BrokerLogEntry) => void; now?: () => number; loadCcxt?: () => Promise<CcxtModule> } = {}) {
    this.options = ccxtBrokerOptionsSchema.parse(input);
    this.id = this.options.exchangeId;
    this.events$ = this.subject.asObservable();
    this.profile = venueProfile(this.id);
    const c = this.options.credentials;
    this.redact = makeRedactor([c?.apiKey, c?.secret, c?.password]);
    this.delay = backoff(this.options.retry);
    this.now = hooks.now ?? Date.now;
    this.log = hooks.log ?? (() => {});
    this.loadCcxt = hooks.loadCcxt ?? (() => import('ccxt') as unknown as Promise<CcxtModule>);
  }

  /** The ccxt client, once connected (for checks that have no Broker method). */
  get exchange(): Exchange {
    if (!this.ex) throw new Error(`${this.id} broker is not connected. Call connect() first`);
    return this.ex;
  }

  get hasCredentials(): boolean {
    return this.options.credentials !== undefined;
  }

  /** open() + syncClock() + adoptOpenOrders(), then polling starts. */
  async connect(): Promise<void> {
    await this.open();
    await this.syncClock();
    await this.adoptOpenOrders();
    this.startPolling();
  }

  /** Creates the ccxt client and loads the spot markets; resolves to how many there are. */
  async open(): Promise<number> {
    await this.client();
    const markets = await this.call('loadMarkets', (ex, attempt) => {
      // ccxt keeps its loadMarkets promise and hands it out again, a failed one too, and while that
      // one is still settling (an attempt cut at its deadline) even loadMarkets(true) returns it: a
      // retry drops it, so it really asks again.
      if (attempt > 1) forgetMarketsLoading(ex);
      return ex.loadMarkets(attempt > 1);
    });
    return Object.keys(markets).length;
  }

  /** Imports ccxt and creates the client, without a request (an unknown exchange id fails here, exitCode 2). */
  async client(): Promise<Exchange> {
    if (this.ex) return this.ex;
    const ccxt = await this.loadCcxt();
    const o = this.options;
    this.ex = createExchange(ccxt, {
      exchangeId: o.exchangeId,
      ...(o.credentials ? { credentials: o.credentials } : {}),
      testnet: o.testnet,
      ...(o.apiUrl ? { apiUrl: o.apiUrl } : {}),
      timeoutMs: o.timeoutMs,
      enableRateLimit: o.enableRateLimit,
      profile: this.profile,
      ...(o.recvWindowMs ? { recvWindowMs: o.recvWindowMs } : {}),
      closed: this.closing.signal,
    });
    return this.ex;
  }

  /** Takes over the orders open at the venue (a restarted process keeps tracking them). */
  async adoptOpenOrders(): Promise<void> {
    if (!this.hasCredentials || !this.exchange.has['fetchOpenOrders']) return;
    const open = await this.call('fetchOpenOrders', (ex) => ex.fetchOpenOrders());
    for (const v of open) this.adopt(v);
  }

  /** Measures venue time against ours; warns above the threshold; ccxt nonces follow venue time either way. */
  async syncClock(): Promise<ClockReading> {
    const reading = await this.call('fetchTime', (ex) => measureClock(ex, this.now), { resync: false });
    this.clock = reading;
    adjustNonce(this.exchange, reading.offsetMs);
    if (Math.abs(reading.offsetMs) > this.options.clockSkewWarnMs) {
      this.log({
        level: 'warn',
        message: `${this.id} clock differs from ours by ${reading.offsetMs} ms (round trip ${reading.roundTripMs} ms); signed requests now use the venue's time. Sync this machine's clock (NTP)`,
      });
    }
    return reading;
  }

  /**
   * Stops polling and aborts every call in flight (their requests are cut, their backoffs end), so
   * it never waits on a hung venue. An order whose submit was cut keeps the state its owner recorded;
   * a restart looks it up by client order id.
   */
  async close(): Promise<void> {
    this.closed = true;
    if (this.pollTimer) clearInterval(this.pollTimer);
    this.pollTimer = undefined;
    this.closing.abort();
    // Everything in flight settles within a tick of the abort; the bound is only a last resort.
    await Promise.race([Promise.allSettled([...this.inFlight]), new Promise((resolve) => setTimeout(resolve, this.options.timeoutMs).unref())]);
    const ex = this.ex as (Exchange & { close?: () => Promise<void> }) | undefined;
    if (ex?.close) await ex.close().catch(() => undefined);
    this.subject.complete();
  }

  openOrders(): Order[] {
    return [...this.tracked.values()].filter((t) => !isTerminal(t.order.status)).map((t) => ({ ...t.order }));
  }

  async balances(): Promise<Balance[]> {
    const b = await this.call('fetchBalance', (ex) => ex.fetchBalance());
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

  /** Trade / withdraw permissions of the key, where the venue tells them. */
  async permissions(): Promise<Permissions> {
    const read = this.profile.permissions;
    if (!read) return { canTrade: undefined, canWithdraw: undefined, source: `${this.id} has no permission query in ccxt's unified API` };
    return this.call('permissions', (ex) => read(ex));
  }

  market(symbol: string): MarketInfo | undefined {
    const m = this.exchange.markets?.[symbol];
    if (!m) return undefined;
    const step = (v: number | undefined) => (v === undefined ? undefined : this.exchange.precisionMode === TICK_SIZE ? dec(v) : dec(10 ** -v));
    const info: MarketInfo = { symbol, active: m.active !== false };
    const minAmount = dec(m.limits?.amount?.min);
    const minCost = dec(m.limits?.cost?.min);
    const amountStep = step(m.precision?.amount);
    const priceStep = step(m.precision?.price);
    return {
      ...info,
      ...(minAmount ? { minAmount } : {}),
      ...(minCost ? { minCost } : {}),
      ...(amountStep ? { amountStep } : {}),
      ...(priceStep ? { priceStep } : {}),
    };
  }

  async lastPrice(symbol: string): Promise<{ bid?: Decimal; ask?: Decimal; last?: Decimal }> {
    const t = await this.call('fetchTicker', (ex) => ex.fetchTicker(symbol));
    const bid = dec(t.bid);
    const ask = dec(t.ask);
    const last = dec(t.last);
    return { ...(bid ? { bid } : {}), ...(ask ? { ask } : {}), ...(last ? { last } : {}) };
  }

  /**
   * The venue's view of one of our orders by engine client order id: how much of it filled and at
   * what cost; undefined when the venue never received it. Used to reconcile a resumed session.
   */
  async venueOrder(symbol: string, clientOrderId: string): Promise<VenueOrderView | undefined> {
    const v = await this.call('fetchOrder', (ex) => this.findByClientId(ex, symbol, venueClientOrderId(clientOrderId)));
    if (!v) return undefined;
    const filled = dec(v.filled) ?? new Decimal(0);
    const cost = dec(v.cost) ?? filled.mul(dec(v.average) ?? 0);
    return { orderId: String(v.id), status: String(v.status ?? 'open'), filled, cost };
  }

  /** Orders open at the venue for a symbol, as the venue reports them (client order id as the venue knows it). */
  async venueOpenOrders(symbol: string): Promise<{ clientOrderId: string; orderId: string; side: string; amount: Decimal; filled: Decimal }[]> {
    const open = await this.call('fetchOpenOrders', (ex) => ex.fetchOpenOrders(symbol));
    return open.map((v) => ({
      clientOrderId: String(v.clientOrderId ?? v.id),
      orderId: String(v.id),
      side: String(v.side),
      amount: dec(v.amount) ?? new Decimal(0),
      filled: dec(v.filled) ?? new Decimal(0),
    }));
  }

  get hasTestOrderEndpoint(): boolean {
    return this.profile.hasTestOrder;
  }

  /** Sends an order to the venue's validation endpoint (Binance order/test): checked, never placed. */
  async testOrder(request: Pick<OrderRequest, 'symbol' | 'side' | 'type' | 'quantity' | 'limitPrice'>): Promise<void> {
    if (!this.profile.hasTestOrder) throw new BrokerOperationError('testOrder', 'NotSupported', `${this.id} has no test-order endpoint`, false);
    await this.call('testOrder', (ex) =>
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

  submit(request: OrderRequest): void {
    // A resubmit of an order we already hold (a resumed run) is a no-op: the order exists once.
    if (this.tracked.has(request.clientOrderId)) return;
    const order: Order = { ...request, status: 'new', filledQuantity: new Decimal(0), updatedAt: this.now() };
    const t = this.tracking(order, true);
    this.tracked.set(request.clientOrderId, t);
    const refusal = this.localRefusal(request);
    if (refusal) {
      this.reject(t, refusal);
      return;
    }
    this.track(this.place(t));
  }

  /**
   * An order a previous run sent and never heard back about (status `unknown`): looked up by
   * client order id and adopted as the venue reports it, never sent again; absent, it is rejected
   * (resolveUnknown). `sentAt` is the last time it may have been sent (its record's updatedAt).
   */
  recover(request: OrderRequest, sentAt: number): void {
    const held = this.tracked.get(request.clientOrderId);
    if (held) {
      // Taken over at connect from the venue's open orders: the venue has it; keep our request's terms.
      if (!isTerminal(held.order.status)) {
        held.order = { ...request, orderId: held.order.orderId, status: held.order.status, filledQuantity: held.order.filledQuantity, updatedAt: this.now() };
        this.emit({ type: 'order_accepted', order: { ...held.order } });
      }
      return;
    }
    const order: Order = { ...request, status: 'unknown', filledQuantity: new Decimal(0), updatedAt: this.now() };
    const t = this.tracking(order, true);
    t.sentAt = sentAt;
    if (!this.hasCredentials || !this.ex) {
      t.busy = false;
      t.unknown = true;
      return;
    }
    this.track(this.resolveUnknown(t, 'the previous run stopped before the venue answered the submit'));
  }

  cancel(clientOrderId: string): void {
    const t = this.tracked.get(clientOrderId);
    if (!t) {
      this.emit({ type: 'broker_error', operation: 'cancel', errorType: 'OrderNotFound', message: `no order with client order id ${clientOrderId}` });
      return;
    }
    if (isTerminal(t.order.status)) return;
    t.cancelRequested = true;
    // Still being placed: place() cancels it as soon as the venue has it.
    if (!t.busy) this.track(this.cancelAtVenue(t));
  }

  // ---- internals -------------------------------------------------------------------------

  private localRefusal(r: OrderRequest): string | undefined {
    if (!this.ex) return `${this.id} broker is not connected`;
    if (!this.hasCredentials) return `no API credentials for ${this.id}`;
    if (!this.ex.markets?.[r.symbol]) return `${this.id} has no market ${r.symbol} (BadSymbol)`;
    if (r.timeInForce === 'DAY') return `${this.id} does not offer time in force DAY; use GTC or IOC`;
    if ((r.type === 'limit' || r.type === 'stop_limit') && !r.limitPrice) return `a ${r.type} order needs a limit price`;
    if ((r.type === 'stop' || r.type === 'stop_limit') && !r.stopPrice) return `a ${r.type} order needs a stop price`;
    return undefined;
  }

  private tracking(order: Order, busy: boolean, venueClientId = venueClientOrderId(order.clientOrderId)): Tracked {
    const t: Tracked = { order, venueClientId, seenFills: new Set(), cost: new Decimal(0), busy, cancelRequested: false, sentAt: this.now(), unknown: false };
    this.tracked.set(order.clientOrderId, t);
    return t;
  }

  /**
   * Sends the order, exactly once (README "CcxtBroker"). A failure after which the venue may hold
   * the order (timeout, dropped connection, 5xx, unreadable answer) is never a rejection: the order
   * is looked up by client order id and the venue's answer adopted (resolveUnknown).
   */
  private async place(t: Tracked): Promise<void> {
    const r = t.order;
    const ccxtType = r.type === 'market' || r.type === 'stop' ? 'market' : 'limit';
    const params: Record<string, unknown> = { clientOrderId: t.venueClientId };
    if (r.stopPrice) params['triggerPrice'] = Number(r.stopPrice.toString());
    if (ccxtType === 'limit') params['timeInForce'] = r.timeInForce;
    let inDoubt = false;
    let venue: CcxtOrder | undefined;
    try {
      venue = await this.call(
        'submit',
        async (ex, attempt) => {
          // After a failure the order may exist at the venue (the answer, not the request, was lost):
          // look it up by client order id before sending it again.
          if (attempt > 1) {
            const existing = await this.findByClientId(ex, r.symbol, t.venueClientId);
            if (existing) return existing;
          }
          t.sentAt = this.now();
          return ex.createOrder(r.symbol, ccxtType, r.side, Number(r.quantity.toString()), r.limitPrice ? Number(r.limitPrice.toString()) : undefined, params);
        },
        {
          requests: 2,
          onFailure: (c) => (inDoubt ||= outcomeUnknown(c)),
          onFinal: async (c) => (isDuplicateOrder(c) ? this.findByClientId(this.exchange, r.symbol, t.venueClientId) : undefined),
        },
      );
    } catch (e) {
      const err = e as BrokerOperationError;
      // Closed mid-submit: the owner's record stands (a restart looks the order up by client order id).
      if (this.closed) return;
      if (inDoubt) await this.resolveUnknown(t, `${err.message} (${err.errorType})`);
      else this.reject(t, `${err.message} (${err.errorType})`);
      return;
    }
    await this.accepted(t, venue);
  }

  /** The venue has the order: it lives on (fills, a pending cancel, a market order's settlement). */
  private async accepted(t: Tracked, venue: CcxtOrder): Promise<void> {
    const r = t.order;
    t.unknown = false;
    if (venue.id !== undefined && venue.id !== null) r.orderId = String(venue.id);
    r.status = 'accepted';
    r.updatedAt = this.now();
    this.emit({ type: 'order_accepted', order: { ...r } });
    await this.apply(t, venue);
    t.busy = false;
    if (t.cancelRequested && !isTerminal(r.status)) await this.cancelAtVenue(t);
    else if (!isTerminal(r.status) && r.type === 'market') await this.settleMarket(t);
  }

  /**
   * A submit whose outcome is unknown: `order_unknown` and an `OrderOutcomeUnknown` broker_error
   * (once), then the order is looked up by client order id with bounded retries. Found: adopted.
   * Absent once the venue would refuse the request as too old (recvWindow since the last send):
   * rejected, saying so. The venue could not be asked: the order stays unknown and the next poll
   * asks again.
   */
  private async resolveUnknown(t: Tracked, cause: string): Promise<void> {
    const r = t.order;
    t.busy = true;
    t.unknown = true;
    if (r.status !== 'unknown') {
      r.status = 'unknown';
      r.reason = this.redact(`outcome unknown: ${cause}`);
      r.updatedAt = this.now();
      this.emit({ type: 'order_unknown', order: { ...r }, reason: r.reason });
      this.emit({
        type: 'broker_error',
        operation: 'submit',
        errorType: 'OrderOutcomeUnknown',
        message: this.redact(`${r.clientOrderId}: ${cause}; looking it up at ${this.id} by client order id`),
      });
    }
    let found: CcxtOrder | undefined;
    try {
      found = await this.lookUp(t);
      const settle = t.sentAt + this.recvWindowMs() + ABSENT_MARGIN_MS - this.now();
      if (!found && settle > 0) {
        await this.sleep(settle);
        found = await this.lookUp(t);
      }
    } catch {
      // Reported by call(); still unknown. Polling (or a restart) asks again.
      t.busy = false;
      return;
    }
    if (this.closed) return;
    if (found) return this.accepted(t, found);
    t.unknown = false;
    this.reject(t, `${cause}; ${this.id} has no order with client order id ${t.venueClientId} (looked up by client order id, since the outcome was unknown)`);
  }

  private lookUp(t: Tracked): Promise<CcxtOrder | undefined> {
    const r = t.order;
    return this.call('lookupOrder', (ex) => locateOrder(ex, this.profile, r.symbol, t.venueClientId, Math.min(r.createdAt, t.sentAt) - 60_000), {
      requests: LOCATE_REQUESTS,
    });
  }

  private recvWindowMs(): number {
    const w = Number((this.exchange.options as Record<string, unknown>)['recvWindow']);
    return Number.isFinite(w) && w > 0 ? w : 5000;
  }

  /**
   * A market order answered with ids only (Bybit): its trades usually already tell the whole
   * story, one request instead of fetching the order and then its trades. Otherwise, poll as usual.
   */
  private async settleMarket(t: Tracked): Promise<void> {
    if (this.exchange.has['fetchMyTrades']) {
      for (const trade of await this.tradesOf(t)) {
        const fill = fillFromTrade(t.order, trade, this.now());
        if (fill && !t.seenFills.has(fill.fillId)) this.recordFill(t, fill);
      }
    }
    if (!isTerminal(t.order.status)) await this.refresh(t);
  }

  private async tradesOf(t: Tracked): Promise<CcxtTrade[]> {
    const r = t.order;
    const trades = await this.call('fetchMyTrades', (ex) => ex.fetchMyTrades(r.symbol, undefined, undefined, { orderId: r.orderId })).catch(
      () => [] as CcxtTrade[],
    );
    return trades.filter((x) => x.order === undefined || String(x.order) === r.orderId);
  }

  private findByClientId(ex: Exchange, symbol: string, venueClientId: string): Promise<CcxtOrder | undefined> {
    return this.profile.findByClientId(ex, symbol, venueClientId);
  }

  private async cancelAtVenue(t: Tracked): Promise<void> {
    if (!t.order.orderId || isTerminal(t.order.status)) return;
    t.busy = true;
    try {
      const venue = await this.call('cancel', (ex) => ex.cancelOrder(t.order.orderId as string, t.order.symbol));
      await this.apply(t, venue);
      if (!isTerminal(t.order.status)) this.finish(t, 'cancelled', 'cancelled on request');
    } catch (e) {
      const err = e as BrokerOperationError;
      this.emit({ type: 'broker_error', operation: 'cancel', errorType: err.errorType, message: `${t.order.clientOrderId}: ${err.message}` });
      // Often "unknown order" because it filled meanwhile: bring our view up to date.
      await this.refresh(t);
    } finally {
      t.busy = false;
    }
  }

  /** Fetches the order and applies what changed. */
  private async refresh(t: Tracked): Promise<void> {
    if (!t.order.orderId) return;
    try {
      const venue = await this.call('fetchOrder', (ex) => ex.fetchOrder(t.order.orderId as string, t.order.symbol, { ...this.profile.fetchOrderParams }));
      await this.apply(t, venue);
    } catch {
      // already reported by call(); the next poll tries again
    }
  }

  /** Turns a venue order update into fill events (with trade details when available) and a final status. */
  private async apply(t: Tracked, venue: CcxtOrder): Promise<void> {
    const r = t.order;
    if (!r.orderId && venue.id) r.orderId = String(venue.id);
    const filled = dec(venue.filled);
    let trades: CcxtTrade[] = (venue.trades ?? []).filter((x) => x && x.amount);
    if (filled && filled.gt(r.filledQuantity) && trades.length === 0 && this.exchange.has['fetchMyTrades']) trades = await this.tradesOf(t);
    for (const trade of trades) {
      const fill = fillFromTrade(r, trade, this.now());
      if (fill && !t.seenFills.has(fill.fillId)) this.recordFill(t, fill);
    }
    if (filled && filled.gt(r.filledQuantity)) {
      const inferred = fillFromDelta(r, venue, t.cost, this.now());
      if (inferred) this.recordFill(t, inferred);
    }
    const status = statusOf(venue, r.filledQuantity, r.quantity);
    if (status === 'cancelled') this.finish(t, 'cancelled', 'cancelled at the venue');
    else if (status === 'expired') this.finish(t, 'expired', 'expired at the venue');
    else if (status === 'rejected') this.finish(t, 'rejected', 'rejected by the venue');
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

  private finish(t: Tracked, status: 'cancelled' | 'expired' | 'rejected', reason: string): void {
    const r = t.order;
    if (isTerminal(r.status)) return;
    r.status = status;
    r.reason = reason;
    r.updatedAt = this.now();
    if (status === 'cancelled') this.emit({ type: 'order_cancelled', order: { ...r }, reason });
    else if (status === 'expired') this.emit({ type: 'order_expired', order: { ...r }, reason });
    else this.emit({ type: 'order_rejected', order: { ...r }, reason });
  }

  private reject(t: Tracked, reason: string): void {
    t.busy = false;
    this.finish(t, 'rejected', this.redact(reason));
  }

  /**
   * Takes over an order open at the venue as if nothing of it had been reported: what already filled
   * comes out as fills (from the venue's trades, with their ids) on the first poll. A caller that
   * counted some of them before a restart recognises them by fill id; counting from the venue's
   * cumulative total instead would report the old trades a second time when the order fills further.
   */
  private adopt(v: CcxtOrder): void {
    const clientOrderId = v.clientOrderId ?? String(v.id);
    if (this.tracked.has(clientOrderId)) return;
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
    this.tracking(order, false, clientOrderId);
  }

  private startPolling(): void {
    this.pollTimer = setInterval(() => {
      for (const t of this.tracked.values()) {
        if (t.busy || isTerminal(t.order.status)) continue;
        if (t.unknown) {
          this.track(this.resolveUnknown(t, t.order.reason ?? 'outcome unknown'));
          continue;
        }
        if (!t.order.orderId) continue;
        // A cancel that arrived while the order was busy is carried out here.
        if (t.cancelRequested) {
          this.track(this.cancelAtVenue(t));
          continue;
        }
        t.busy = true;
        this.track(this.refresh(t).finally(() => (t.busy = false)));
      }
    }, this.options.pollIntervalMs);
    this.pollTimer.unref();
  }

  private track(p: Promise<unknown>): void {
    const guarded = p.catch((e: unknown) => {
      this.emit({
        type: 'broker_error',
        operation: 'internal',
        errorType: 'UnexpectedError',
        message: this.redact(e instanceof Error ? e.message : String(e)),
      });
    });
    this.inFlight.add(guarded);
    void guarded.finally(() => this.inFlight.delete(guarded));
  }

  private emit(event: BrokerEvent): void {
    if (!this.subject.closed) this.subject.next(event);
  }

  private sleep(ms: number): Promise<void> {
    return abortableSleep(ms, this.closing.signal);
  }

  /**
   * Runs one venue operation under the retry taxonomy: retryable errors are retried with backoff
   * and jitter up to the cap (each retry an event; InvalidNonce first re-measures the clock);
   * a final error, or the cap, is a `broker_error` event and a BrokerOperationError.
   * `onFinal` may turn a final error into a result (a duplicate submit adopts the existing order).
   * Every request has one hard deadline, `timeoutMs`, that covers connect, headers and body
   * (bufferedFetch). Each attempt is also raced against `timeoutMs` per request it makes
   * (`requests`, default 1) plus one more for parsing, and close() ends every attempt at once:
   * whatever ccxt waits on, an operation ends within attempts x that + the backoffs between them.
   */
  private async call<T>(
    operation: string,
    fn: (ex: Exchange, attempt: number) => Promise<T>,
    opts: { resync?: boolean; requests?: number; onFailure?: (c: ClassifiedError) => void; onFinal?: (c: ClassifiedError) => Promise<T | undefined> } = {},
  ): Promise<T> {
    const max = this.options.retry.maxAttempts;
    const deadlineMs = this.options.timeoutMs * ((opts.requests ?? 1) + 1);
    for (let attempt = 1; ; attempt++) {
      try {
        const ex = this.exchange;
        return await withDeadline(deadlineMs, this.closing.signal, () => fn(ex, attempt));
      } catch (e) {
        const c = classifyError(e);
        opts.onFailure?.(c);
        const message = this.redact(c.message);
        if (c.retryable && attempt < max && !this.closed) {
          const delayMs = this.delay(attempt);
          this.emit({ type: 'broker_retry', operation, attempt, delayMs, errorType: c.errorType, message });
          await this.sleep(delayMs);
          if (c.resyncClock && opts.resync !== false) await this.syncClock().catch(() => undefined);
          continue;
        }
        if (!c.retryable && opts.onFinal) {
          const onFinal = opts.onFinal;
          const rescued = await withDeadline(deadlineMs, this.closing.signal, () => onFinal(c)).catch(() => undefined);
          if (rescued !== undefined) return rescued;
        }
        const final = c.retryable ? `${message} (gave up after ${attempt} attempts)` : message;
        if (operation !== 'submit' && !this.closed) this.emit({ type: 'broker_error', operation, errorType: c.errorType, message: final });
        throw new BrokerOperationError(operation, c.errorType, final, c.retryable);
      }
    }
  }
}

/** Clears ccxt's cached loadMarkets promise (fields of its Exchange, not in its typings). */
function forgetMarketsLoading(ex: Exchange): void {
  const cached = ex as unknown as { marketsLoading?: unknown; reloadingMarkets?: unknown };
  cached.marketsLoading = undefined;
  cached.reloadingMarkets = false;
}
