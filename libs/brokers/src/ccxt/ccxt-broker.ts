import { Subject, type Observable } from 'rxjs';
import { Decimal, isTerminal, type Balance, type Broker, type BrokerEvent, type Order, type OrderRequest } from '@rustybt/engine';
import type { CcxtModule, CcxtOrder, CcxtTrade, Exchange } from './ccxt-types';
import { adjustNonce, measureClock, skewWarning, type ClockReading } from './clock-sync';
import { createExchange } from './create-exchange';
import { abortableSleep } from './deadline';
import { isDuplicateOrder, outcomeUnknown } from './error-taxonomy';
import { InFlight } from './in-flight';
import { localRefusal } from './local-refusal';
import { absentFrom } from './locate-order';
import { marketInfo, type MarketInfo } from './markets';
import { ccxtBrokerOptionsSchema, type BrokerLogEntry, type CcxtBrokerOptions, type CcxtBrokerOptionsInput } from './options';
import { createOrderArgs, dec } from './order-mapping';
import { makeRedactor } from './redact';
import { TrackedOrders, type Tracked } from './tracked-order';
import { VenueCaller, type BrokerOperationError } from './venue-call';
import { VenueQueries, type VenueOrderView } from './venue-queries';
import { venueProfile, type Permissions, type VenueProfile } from './venue-profiles';

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
  private readonly orders: TrackedOrders;
  private readonly inFlight: InFlight;
  private readonly profile: VenueProfile;
  private readonly redact: (text: string) => string;
  private readonly venue: VenueCaller;
  private readonly queries: VenueQueries;
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
    this.now = hooks.now ?? Date.now;
    this.log = hooks.log ?? (() => {});
    this.loadCcxt = hooks.loadCcxt ?? (() => import('ccxt') as unknown as Promise<CcxtModule>);
    this.venue = new VenueCaller({
      retry: this.options.retry,
      timeoutMs: this.options.timeoutMs,
      closing: this.closing.signal,
      exchange: () => this.exchange,
      redact: this.redact,
      emit: (event) => this.emit(event),
      syncClock: () => this.syncClock(),
    });
    this.queries = new VenueQueries(this.venue, this.profile, this.id);
    this.orders = new TrackedOrders(this.now, (event) => this.emit(event));
    this.inFlight = new InFlight((event) => this.emit(event), this.redact);
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
    return this.queries.loadMarkets();
  }

  /** Imports ccxt and creates the client, without a request (an unknown exchange id fails here, exitCode 2). */
  async client(): Promise<Exchange> {
    if (this.ex) return this.ex;
    const ccxt = await this.loadCcxt();
    this.ex = createExchange(ccxt, { ...this.options, profile: this.profile, closed: this.closing.signal });
    return this.ex;
  }

  /** Takes over the orders open at the venue (a restarted process keeps tracking them). */
  async adoptOpenOrders(): Promise<void> {
    if (!this.hasCredentials || !this.exchange.has['fetchOpenOrders']) return;
    const open = await this.venue.call('fetchOpenOrders', (ex) => ex.fetchOpenOrders());
    for (const v of open) this.orders.adopt(v);
  }

  /** Measures venue time against ours; warns above the threshold; ccxt nonces follow venue time either way. */
  async syncClock(): Promise<ClockReading> {
    const reading = await this.venue.call('fetchTime', (ex) => measureClock(ex, this.now), { resync: false });
    this.clock = reading;
    adjustNonce(this.exchange, reading.offsetMs);
    if (Math.abs(reading.offsetMs) > this.options.clockSkewWarnMs) this.log({ level: 'warn', message: skewWarning(this.id, reading) });
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
    await this.inFlight.settled(this.options.timeoutMs);
    const ex = this.ex as (Exchange & { close?: () => Promise<void> }) | undefined;
    if (ex?.close) await ex.close().catch(() => undefined);
    this.subject.complete();
  }

  openOrders(): Order[] {
    return this.orders.open();
  }

  balances(): Promise<Balance[]> {
    return this.queries.balances();
  }

  /** Trade / withdraw permissions of the key, where the venue tells them. */
  permissions(): Promise<Permissions> {
    return this.queries.permissions();
  }

  market(symbol: string): MarketInfo | undefined {
    return marketInfo(this.exchange, symbol);
  }

  lastPrice(symbol: string): Promise<{ bid?: Decimal; ask?: Decimal; last?: Decimal }> {
    return this.queries.lastPrice(symbol);
  }

  /**
   * The venue's view of one of our orders by engine client order id: how much of it filled and at
   * what cost; undefined when the venue never received it. Used to reconcile a resumed session.
   */
  venueOrder(symbol: string, clientOrderId: string): Promise<VenueOrderView | undefined> {
    return this.queries.venueOrder(symbol, clientOrderId);
  }

  /** Orders open at the venue for a symbol, as the venue reports them (client order id as the venue knows it). */
  venueOpenOrders(symbol: string): Promise<{ clientOrderId: string; orderId: string; side: string; amount: Decimal; filled: Decimal }[]> {
    return this.queries.venueOpenOrders(symbol);
  }

  get hasTestOrderEndpoint(): boolean {
    return this.profile.hasTestOrder;
  }

  /** Sends an order to the venue's validation endpoint (Binance order/test): checked, never placed. */
  testOrder(request: Pick<OrderRequest, 'symbol' | 'side' | 'type' | 'quantity' | 'limitPrice'>): Promise<void> {
    return this.queries.testOrder(request);
  }

  submit(request: OrderRequest): void {
    // A resubmit of an order we already hold (a resumed run) is a no-op: the order exists once.
    if (this.orders.has(request.clientOrderId)) return;
    const order: Order = { ...request, status: 'new', filledQuantity: new Decimal(0), updatedAt: this.now() };
    const t = this.orders.add(order, true);
    const refusal = localRefusal(this.id, this.ex, this.hasCredentials, request);
    if (refusal) {
      this.reject(t, refusal);
      return;
    }
    this.inFlight.add(this.place(t));
  }

  /**
   * An order a previous run sent and never heard back about (status `unknown`): looked up by
   * client order id and adopted as the venue reports it, never sent again; absent, it is rejected
   * (resolveUnknown). `sentAt` is the last time it may have been sent (its record's updatedAt).
   */
  recover(request: OrderRequest, sentAt: number): void {
    const held = this.orders.get(request.clientOrderId);
    // Taken over at connect from the venue's open orders: the venue has it; keep our request's terms.
    if (held) return this.orders.retake(held, request);
    const order: Order = { ...request, status: 'unknown', filledQuantity: new Decimal(0), updatedAt: this.now() };
    const t = this.orders.add(order, true);
    t.sentAt = sentAt;
    if (!this.hasCredentials || !this.ex) {
      t.busy = false;
      t.unknown = true;
      return;
    }
    this.inFlight.add(this.resolveUnknown(t, 'the previous run stopped before the venue answered the submit'));
  }

  cancel(clientOrderId: string): void {
    const t = this.orders.get(clientOrderId);
    if (!t) {
      this.emit({ type: 'broker_error', operation: 'cancel', errorType: 'OrderNotFound', message: `no order with client order id ${clientOrderId}` });
      return;
    }
    if (isTerminal(t.order.status)) return;
    t.cancelRequested = true;
    // Still being placed: place() cancels it as soon as the venue has it.
    if (!t.busy) this.inFlight.add(this.cancelAtVenue(t));
  }

  // ---- internals -------------------------------------------------------------------------

  /**
   * Sends the order, exactly once (README "CcxtBroker"). A failure after which the venue may hold
   * the order (timeout, dropped connection, 5xx, unreadable answer) is never a rejection: the order
   * is looked up by client order id and the venue's answer adopted (resolveUnknown).
   */
  private async place(t: Tracked): Promise<void> {
    const r = t.order;
    const args = createOrderArgs(r, t.venueClientId);
    let inDoubt = false;
    let venue: CcxtOrder | undefined;
    try {
      venue = await this.venue.call(
        'submit',
        async (ex, attempt) => {
          // After a failure the order may exist at the venue (the answer, not the request, was lost):
          // look it up by client order id before sending it again.
          if (attempt > 1) {
            const existing = await this.profile.findByClientId(ex, r.symbol, t.venueClientId);
            if (existing) return existing;
          }
          t.sentAt = this.now();
          return ex.createOrder(...args);
        },
        {
          requests: 2,
          onFailure: (c) => (inDoubt ||= outcomeUnknown(c)),
          onFinal: async (c) => (isDuplicateOrder(c) ? this.profile.findByClientId(this.exchange, r.symbol, t.venueClientId) : undefined),
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
    this.orders.accept(t, venue);
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
    const message = `${t.order.clientOrderId}: ${cause}; looking it up at ${this.id} by client order id`;
    this.orders.markUnknown(t, this.redact(`outcome unknown: ${cause}`), this.redact(message));
    let found: CcxtOrder | undefined;
    try {
      found = await this.queries.lookUp(t);
      const settle = absentFrom(t.sentAt, this.exchange) - this.now();
      if (!found && settle > 0) {
        await this.sleep(settle);
        found = await this.queries.lookUp(t);
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

  /**
   * A market order answered with ids only (Bybit): its trades usually already tell the whole
   * story, one request instead of fetching the order and then its trades. Otherwise, poll as usual.
   */
  private async settleMarket(t: Tracked): Promise<void> {
    if (this.exchange.has['fetchMyTrades']) this.orders.applyTrades(t, await this.queries.tradesOf(t.order));
    if (!isTerminal(t.order.status)) await this.refresh(t);
  }

  private async cancelAtVenue(t: Tracked): Promise<void> {
    if (!t.order.orderId || isTerminal(t.order.status)) return;
    t.busy = true;
    try {
      const venue = await this.venue.call('cancel', (ex) => ex.cancelOrder(t.order.orderId as string, t.order.symbol));
      await this.apply(t, venue);
      if (!isTerminal(t.order.status)) this.orders.finish(t, 'cancelled', 'cancelled on request');
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
      const venue = await this.venue.call('fetchOrder', (ex) => ex.fetchOrder(t.order.orderId as string, t.order.symbol, { ...this.profile.fetchOrderParams }));
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
    if (filled && filled.gt(r.filledQuantity) && trades.length === 0 && this.exchange.has['fetchMyTrades']) trades = await this.queries.tradesOf(r);
    this.orders.applyUpdate(t, venue, trades);
  }

  private reject(t: Tracked, reason: string): void {
    t.busy = false;
    this.orders.finish(t, 'rejected', this.redact(reason));
  }

  private startPolling(): void {
    this.pollTimer = setInterval(() => {
      for (const t of this.orders.all()) {
        if (t.busy || isTerminal(t.order.status)) continue;
        if (t.unknown) {
          this.inFlight.add(this.resolveUnknown(t, t.order.reason ?? 'outcome unknown'));
          continue;
        }
        if (!t.order.orderId) continue;
        // A cancel that arrived while the order was busy is carried out here.
        if (t.cancelRequested) {
          this.inFlight.add(this.cancelAtVenue(t));
          continue;
        }
        t.busy = true;
        this.inFlight.add(this.refresh(t).finally(() => (t.busy = false)));
      }
    }, this.options.pollIntervalMs);
    this.pollTimer.unref();
  }

  private emit(event: BrokerEvent): void {
    if (!this.subject.closed) this.subject.next(event);
  }

  private sleep(ms: number): Promise<void> {
    return abortableSleep(ms, this.closing.signal);
  }
}
