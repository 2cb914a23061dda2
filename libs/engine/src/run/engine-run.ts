import Decimal from 'decimal.js';
import { type Observable, Subject, type Subscription, isObservable } from 'rxjs';
import type { Broker, BrokerEvent } from '../broker';
import { type Clock, SimulatedClock } from '../clock/clock';
import { EngineInputError, JournalError, StrategyError } from '../errors';
import { RollingHistory } from '../history/rolling-history';
import type { Bar } from '../model/bar';
import { type DecimalInput, ZERO, numberOf, toDecimal } from '../model/decimal';
import { type Fill, type Order, type OrderRequest, changedOrder, orderOf } from '../model/order';
import { orderFromJson, orderToJson } from '../model/serialize';
import { Portfolio } from '../portfolio/portfolio';
import { type Trade, TradeTracker } from '../portfolio/trade-tracker';
import { type RiskLimitsInput, type TradingState, riskLimitsSchema } from '../risk/limits';
import { RiskEngine, type RiskTransition } from '../risk/risk-engine';
import { seededRandom } from '../random';
import type { OrderOptions, Strategy, StrategyContext, StrategyParams, StrategyState } from '../strategy/types';
import { EquityCurve, type EquityPoint } from './equity-curve';
import type { EngineEvent, OrderEvent } from './events';
import { OrderBook } from './order-book';
import { orderExposure } from './order-exposure';
import { PerformanceTracker, type PerformanceStats } from './performance';
import { type EngineSnapshot, engineSnapshotSchema } from './snapshot';
import { createStrategyContext } from './strategy-context';
import { DAY_MS } from '@rustybt/core';

export interface EngineRunOptions {
  /** Prefix of every client order id (`<runId>-<seq>`); stable across restarts of one paper run. Default `run`. */
  runId?: string;
  strategy: Strategy;
  broker: Broker;
  /** Default: a simulated clock advanced to each bar's time. */
  clock?: Clock;
  symbols: readonly string[];
  /** Starting cash of a fresh run (ignored when restoring: the snapshot's account wins). */
  capital: DecimalInput;
  risk?: RiskLimitsInput;
  /** Parameter values; the strategy's declared defaults fill the rest. */
  params?: StrategyParams;
  /** Seed of `ctx.random()`. Default 0. */
  seed?: number;
  /** A snapshot from `snapshot()` to resume from. */
  restore?: EngineSnapshot | unknown;
  /**
   * A fresh run's warm-up: bars at or before this time only fill the `ctx.history` windows (no
   * broker, orders, equity or bar count), so a strategy has its indicators when the first bar it
   * trades on arrives. A restored run warms up through its snapshot's last bar instead.
   */
  warmUpThrough?: number;
  /**
   * Called synchronously for every order change and fill after the run's own books are updated and
   * before `events$` and the strategy hear of it. Throwing stops the run: nothing unjournalled is acknowledged.
   */
  journal?: (event: OrderEvent) => void;
  /** Bars kept per symbol for ctx.history. Default: the strategy's historySize, else 1000. */
  historySize?: number;
  /** Most points kept in the equity curve (it thins itself on long runs). Default 10000. */
  equityPoints?: number;
  /**
   * What the run keeps for its result. `results` (default): every fill, every closed trade and the
   * equity curve, for a backtest's report. `state`: only what snapshot() and the live figures
   * need, so a run of any length holds the same memory (a paper or live session, whose journal
   * already has every fill); its result then says `retained: 'state'` and has no fills, trades or
   * equity points. Events and statistics are the same either way.
   */
  retain?: Retain;
}

/** What a run keeps for its result; see EngineRunOptions.retain. */
export type Retain = 'results' | 'state';

export interface RunResult {
  runId: string;
  stopReason: string;
  bars: number;
  /** Wall-clock time spent between start() and stop(). */
  elapsedMs: number;
  initialCapital: Decimal;
  finalEquity: Decimal;
  /** finalEquity / initialCapital - 1. */
  totalReturn: Decimal;
  fees: Decimal;
  stats: PerformanceStats;
  /** `state`: the run kept no history (EngineRunOptions.retain), so trades, fills and equity are empty whatever happened. */
  retained: Retain;
  trades: Trade[];
  fills: Fill[];
  equity: EquityPoint[];
  riskRejections: number;
}

type BarSource = Iterable<Bar> | AsyncIterable<Bar> | Observable<Bar>;

type Notification = { kind: 'fill'; fill: Fill; order: Order } | { kind: 'order'; order: Order };

/**
 * One run of one strategy: bars in, orders through risk to the broker, fills into the portfolio,
 * events out. Everything lives on the instance, so two runs can share a process. The per-bar path
 * is a plain method call (no RxJS operators) so a backtest moves millions of bars per second; live
 * and paper runs feed the same method from an Observable.
 */
export class EngineRun {
  readonly runId: string;
  readonly clock: Clock;
  readonly portfolio: Portfolio;
  readonly risk: RiskEngine;
  readonly events$: Observable<EngineEvent>;

  private readonly subject = new Subject<EngineEvent>();
  private readonly strategy: Strategy;
  private readonly broker: Broker;
  private readonly book = new OrderBook();
  private readonly history: RollingHistory;
  private readonly retain: Retain;
  private readonly trades: TradeTracker;
  private readonly perf = new PerformanceTracker();
  private readonly curve: EquityCurve;
  private readonly fills: Fill[] = [];
  private readonly ctx: StrategyContext;
  private readonly journal: ((event: OrderEvent) => void) | undefined;
  private readonly restored: EngineSnapshot | undefined;
  private readonly initialCapital: Decimal;
  private readonly notifications: Notification[] = [];
  private brokerSub: Subscription | undefined;
  private sourceSub: Subscription | undefined;
  private orderSeq = 0;
  private lastBarTime = Number.NEGATIVE_INFINITY;
  private resumeThrough = Number.NEGATIVE_INFINITY;
  private nextDayAt = Number.NEGATIVE_INFINITY;
  private bars = 0;
  private riskRejections = 0;
  private delivering = false;
  private started = false;
  private stopped: RunResult | undefined;
  private startedAt = 0;
  private stopReason = 'completed';
  /** Made once: the per-bar path must not allocate a closure per bar. */
  private readonly exactEquity = (): Decimal => this.portfolio.equity();
  private failure: unknown;
  private failLive: ((err: unknown) => void) | undefined;

  constructor(options: EngineRunOptions) {
    this.runId = options.runId ?? 'run';
    this.strategy = options.strategy;
    this.broker = options.broker;
    this.clock = options.clock ?? new SimulatedClock();
    this.journal = options.journal;
    this.events$ = this.subject.asObservable();
    this.risk = new RiskEngine(riskLimitsSchema.parse(options.risk ?? {}));
    this.history = new RollingHistory(options.historySize ?? options.strategy.historySize ?? 1000);
    this.curve = new EquityCurve(options.equityPoints ?? 10_000);
    this.retain = options.retain ?? 'results';
    if (this.retain !== 'results' && this.retain !== 'state')
      throw new EngineInputError(`retain must be 'results' or 'state', got ${String(options.retain)}. Use 'state' for a long-running session`);
    this.trades = new TradeTracker(this.retain === 'results');
    this.initialCapital = toDecimal(options.capital);
    if (!this.initialCapital.isFinite() || this.initialCapital.lte(0))
      throw new EngineInputError(`capital must be a positive amount, got ${String(options.capital)}. Pass a number like 100000`);
    let state: StrategyState = {};
    if (options.restore !== undefined) {
      const parsed = engineSnapshotSchema.safeParse(options.restore);
      if (!parsed.success)
        throw new EngineInputError(
          `the saved run state is not valid: ${parsed.error.issues[0]?.path.join('.')} ${parsed.error.issues[0]?.message}. Start a new run or restore a good snapshot`,
        );
      const s = parsed.data;
      this.restored = s;
      this.initialCapital = new Decimal(s.capital);
      this.portfolio = Portfolio.fromJSON(s.capital, s.portfolio);
      this.orderSeq = s.orderSeq;
      this.lastBarTime = s.lastBarTime ?? Number.NEGATIVE_INFINITY;
      this.resumeThrough = this.lastBarTime;
      this.bars = s.barsProcessed;
      this.risk.restore(s.risk);
      this.trades.restore(s.openTrades);
      for (const o of s.openOrders) this.book.update(orderFromJson(o));
      state = structuredClone(s.strategyState);
    } else {
      this.portfolio = new Portfolio(this.initialCapital);
      if (options.warmUpThrough !== undefined) {
        if (!Number.isFinite(options.warmUpThrough))
          throw new EngineInputError(`warmUpThrough must be a time in epoch milliseconds, got ${String(options.warmUpThrough)}`);
        this.resumeThrough = options.warmUpThrough;
      }
    }
    const params = Object.freeze({ ...(options.strategy.params ?? {}), ...(options.params ?? {}) });
    this.ctx = createStrategyContext({
      portfolio: this.portfolio,
      clock: this.clock,
      risk: this.risk,
      book: this.book,
      history: this.history,
      symbols: options.symbols,
      params,
      state,
      random: seededRandom(options.seed ?? 0),
      log: (level, message, data) => this.emit({ type: 'log', time: this.clock.now(), level, message, ...(data ? { data } : {}) }),
      order: (symbol, quantity, opts) => this.submit(symbol, quantity, opts),
      orderTarget: (symbol, target, opts) => this.targetOrder(symbol, target, opts),
      cancel: (clientOrderId) => {
        if (this.book.get(clientOrderId)) this.broker.cancel(clientOrderId);
      },
    });
  }

  get barsProcessed(): number {
    return this.bars;
  }

  get tradingState(): TradingState {
    return this.risk.state;
  }

  /** Connects the broker, hands it the starting account and calls the strategy's onInit. */
  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    this.startedAt = performance.now();
    // RxJS would only report an error thrown here asynchronously; keep it and throw it where the run can stop.
    this.brokerSub = this.broker.events$.subscribe({
      next: (e) => {
        try {
          this.onBrokerEvent(e);
        } catch (err) {
          this.fail(err);
        }
      },
    });
    await this.broker.connect();
    this.broker.restore?.({
      cash: this.portfolio.cash,
      positions: [...this.portfolio.positions.values()].filter((p) => !p.quantity.isZero()).map((p) => ({ symbol: p.symbol, quantity: p.quantity })),
      openOrders: this.book.list(),
    });
    this.emit({ type: 'run_started', time: this.clock.now(), runId: this.runId, resumed: this.restored !== undefined });
    if (!this.restored) this.callStrategy('onInit', () => this.strategy.onInit?.(this.ctx));
  }

  /**
   * Feeds bars until the source ends (or stop() is called), then stops. Sync iterables take the
   * fastest path; Observables are for live and paper feeds.
   */
  async run(source: BarSource): Promise<RunResult> {
    try {
      await this.start();
      if (isObservable(source)) await this.consumeObservable(source);
      else if (Symbol.iterator in source) {
        for (const bar of source) {
          if (this.stopped) break;
          this.processBar(bar);
        }
      } else {
        for await (const bar of source) {
          if (this.stopped) break;
          this.processBar(bar);
        }
      }
    } catch (err) {
      await this.stop('error');
      throw err;
    }
    return this.stop(this.stopReason);
  }

  /** The per-bar path. Synchronous: when it returns, every consequence of the bar has happened. */
  processBar(bar: Bar): void {
    if (!this.started) throw new Error('EngineRun.processBar called before start()');
    if (this.stopped) return;
    const t = bar.time;
    if (t <= this.resumeThrough) {
      // A resumed run is fed its past again, a fresh one its warm-up: they only fill the history windows.
      this.history.push(bar);
      return;
    }
    if (t < this.lastBarTime) {
      throw new EngineInputError(
        `bar ${bar.symbol} at ${new Date(t).toISOString()} comes after one at ${new Date(this.lastBarTime).toISOString()}. Bars must be in time order`,
      );
    }
    this.clock.observe(t);
    if (this.clock.now() >= this.nextDayAt) this.newDay();
    if (this.broker.onBar) {
      this.broker.onBar(bar);
      if (this.failure !== undefined) throw this.failure;
    }
    this.history.push(bar);
    const pf = this.portfolio;
    pf.mark(bar.symbol, bar.close);
    if (this.risk.state === 'ACTIVE') {
      const change = this.risk.watchDailyLoss(pf.equityNumber(), this.exactEquity);
      if (change) this.emitRiskState(change);
    }
    if (this.notifications.length > 0) this.deliver();
    this.delivering = true;
    try {
      this.strategy.onBar(this.ctx, bar);
    } catch (err) {
      throw this.strategyFailed('onBar', err);
    } finally {
      this.delivering = false;
    }
    if (this.notifications.length > 0) this.deliver();
    this.lastBarTime = t;
    this.bars++;
    const equity = pf.equityNumber();
    this.perf.onBar(t, equity, pf.openPositionCount > 0);
    if (this.curve.due()) this.sampleEquity(t);
    if (this.subject.observed) this.subject.next({ type: 'bar', time: t, bar });
  }

  /** Operator control: HALTED allows only cancels, REDUCING only exposure-reducing orders. */
  setTradingState(state: TradingState, detail: string): void {
    const change = this.risk.setState(state, 'manual', detail);
    if (change) this.emitRiskState(change);
  }

  /** Ends the run: the source is unsubscribed, the strategy's onStop runs, the broker closes. Idempotent. */
  async stop(reason = 'completed'): Promise<RunResult> {
    if (this.stopped) return this.stopped;
    this.stopReason = reason;
    this.sourceSub?.unsubscribe();
    let failure: unknown;
    try {
      if (this.started && reason !== 'error') this.callStrategy('onStop', () => this.strategy.onStop?.(this.ctx));
    } catch (err) {
      failure = err;
      reason = 'error';
    }
    if (this.lastBarTime > Number.NEGATIVE_INFINITY) this.sampleEquity(this.lastBarTime);
    const result = this.result(reason);
    this.stopped = result;
    if (this.started) await this.broker.close();
    this.brokerSub?.unsubscribe();
    this.emit({ type: 'run_stopped', time: this.clock.now(), reason });
    this.subject.complete();
    if (failure !== undefined) throw failure;
    return result;
  }

  /** Serialisable state for persistence; restore it with `new EngineRun({ ..., restore })`. */
  snapshot(): EngineSnapshot {
    return {
      version: 1,
      runId: this.runId,
      orderSeq: this.orderSeq,
      lastBarTime: Number.isFinite(this.lastBarTime) ? this.lastBarTime : null,
      barsProcessed: this.bars,
      capital: this.initialCapital.toString(),
      portfolio: this.portfolio.toJSON(),
      openOrders: this.book.list().map(orderToJson),
      strategyState: JSON.parse(JSON.stringify(this.ctx.state)) as Record<string, unknown>,
      risk: this.risk.toJSON(),
      openTrades: this.trades.toJSON(),
    };
  }

  private result(reason: string): RunResult {
    const finalEquity = this.portfolio.equity();
    return {
      runId: this.runId,
      stopReason: reason,
      bars: this.bars,
      elapsedMs: this.started ? performance.now() - this.startedAt : 0,
      initialCapital: this.initialCapital,
      finalEquity,
      totalReturn: finalEquity.div(this.initialCapital).sub(1),
      fees: this.portfolio.fees,
      stats: this.perf.stats(this.initialCapital.toNumber(), finalEquity.toNumber()),
      retained: this.retain,
      trades: [...this.trades.closed],
      fills: [...this.fills],
      equity: this.curve.points,
      riskRejections: this.riskRejections,
    };
  }

  /** A failure in handling a broker event: thrown at the next safe point, or ends a live run at once. */
  private fail(err: unknown): void {
    if (this.failure === undefined) this.failure = err;
    this.failLive?.(err);
  }

  private consumeObservable(source: Observable<Bar>): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      // Reject before unsubscribing: the teardown below resolves.
      this.failLive = (err) => {
        reject(err);
        this.sourceSub?.unsubscribe();
      };
      if (this.failure !== undefined) return reject(this.failure);
      this.sourceSub = source.subscribe({
        next: (bar) => {
          try {
            this.processBar(bar);
          } catch (err) {
            reject(err);
            this.sourceSub?.unsubscribe();
          }
        },
        error: (err: unknown) => reject(err),
        complete: () => resolve(),
      });
      // stop() from outside unsubscribes; the run then ends as if the feed completed.
      this.sourceSub.add(() => resolve());
    });
  }

  private newDay(): void {
    const now = this.clock.now();
    this.nextDayAt = (Math.floor(now / DAY_MS) + 1) * DAY_MS;
    const change = this.risk.newDayIfDue(now, () => this.portfolio.equity());
    if (change) this.emitRiskState(change);
  }

  private sampleEquity(time: number): void {
    if (this.retain === 'results') this.curve.add(time, this.portfolio.valuation());
    else this.curve.pass(time);
    if (this.subject.observed) this.emit({ type: 'equity', time, equity: this.portfolio.equity() });
  }

  private emit(event: EngineEvent): void {
    // Subject.next copies its observer list even when empty: skip it when nobody listens.
    if (this.subject.observed) this.subject.next(event);
  }

  private emitRiskState(change: RiskTransition): void {
    this.emit({ type: 'risk_state', time: this.clock.now(), ...change });
  }

  /** Whether order events have an audience; without one the per-order path makes no event objects. */
  private get recording(): boolean {
    return this.journal !== undefined || this.subject.observed;
  }

  private record(event: OrderEvent): void {
    if (this.journal) {
      try {
        this.journal(event);
      } catch (err) {
        throw new JournalError(err);
      }
    }
    this.emit(event);
  }

  // ---- strategy side -------------------------------------------------------------------------

  /** Errors of the strategy's code become StrategyError (naming the hook and the time); ours pass through. */
  private strategyFailed(hook: string, err: unknown): unknown {
    if (err instanceof StrategyError || err instanceof JournalError || err === this.failure) return err;
    return new StrategyError(hook, this.clock.now(), err);
  }

  private callStrategy(hook: string, fn: () => void): void {
    this.delivering = true;
    try {
      fn();
    } catch (err) {
      throw this.strategyFailed(hook, err);
    } finally {
      this.delivering = false;
    }
    this.deliver();
  }

  /** Tells the strategy about fills and order changes, after they were journalled, never re-entrantly. */
  private deliver(): void {
    if (this.delivering) return;
    this.delivering = true;
    try {
      while (this.notifications.length > 0) {
        const n = this.notifications.shift()!;
        if (n.kind === 'fill') this.strategy.onFill?.(this.ctx, n.fill, n.order);
        else this.strategy.onOrder?.(this.ctx, n.order);
      }
    } catch (err) {
      throw this.strategyFailed('onFill/onOrder', err);
    } finally {
      this.delivering = false;
    }
  }

  /** `signedNumber`, the quantity as a float when the caller has it exactly, spares a conversion. */
  private submit(symbol: string, quantity: Decimal, options: OrderOptions = {}, signedNumber?: number): string | undefined {
    if (this.stopped) return undefined;
    if (quantity.isZero()) return undefined;
    const limitPrice = options.limitPrice === undefined ? undefined : toDecimal(options.limitPrice);
    const stopPrice = options.stopPrice === undefined ? undefined : toDecimal(options.stopPrice);
    const type = options.type ?? (limitPrice && stopPrice ? 'stop_limit' : limitPrice ? 'limit' : stopPrice ? 'stop' : 'market');
    if ((type === 'limit' || type === 'stop_limit') && !limitPrice) throw new TypeError(`a ${type} order needs limitPrice`);
    if ((type === 'stop' || type === 'stop_limit') && !stopPrice) throw new TypeError(`a ${type} order needs stopPrice`);
    const now = this.clock.now();
    const request: OrderRequest = {
      clientOrderId: `${this.runId}-${++this.orderSeq}`,
      symbol,
      side: quantity.isNeg() ? 'sell' : 'buy',
      type,
      quantity: quantity.isNeg() ? quantity.neg() : quantity,
      timeInForce: options.timeInForce ?? 'GTC',
      createdAt: now,
    };
    if (limitPrice) request.limitPrice = limitPrice;
    if (stopPrice) request.stopPrice = stopPrice;
    const quantityNumber = signedNumber !== undefined ? Math.abs(signedNumber) : numberOf(request.quantity);
    const order = orderOf(request, 'new', ZERO, now);
    const last = this.portfolio.positions.get(symbol)?.lastPrice ?? Number.NaN;
    const given = limitPrice ?? stopPrice;
    const referenceNumber = given ? Number(given.valueOf()) : last;
    const reference = () => given ?? new Decimal(last);
    const decision = Number.isFinite(referenceNumber)
      ? this.risk.check(
          request,
          orderExposure(this.portfolio, this.book, symbol, reference, referenceNumber, request.side === 'buy' ? quantityNumber : -quantityNumber),
          now,
        )
      : ({ ok: false, rule: 'invalid_order', detail: `no price seen yet for ${symbol}`, limit: 'a last price', value: 'none' } as const);
    if (!decision.ok) {
      this.riskRejections++;
      const reason = `risk ${decision.rule}: ${decision.detail}`;
      const rejected = changedOrder(order, { status: 'rejected', updatedAt: now, reason });
      this.emit({
        type: 'risk_rejection',
        time: now,
        clientOrderId: request.clientOrderId,
        symbol,
        rule: decision.rule,
        detail: decision.detail,
        limit: decision.limit,
        value: decision.value,
      });
      if (this.recording) this.record({ type: 'order_rejected', time: now, order: rejected, reason, source: 'risk' });
      this.notifications.push({ kind: 'order', order: rejected });
      return undefined;
    }
    this.risk.recordSubmitted(now);
    this.book.update(order, quantityNumber);
    if (this.recording) this.record({ type: 'order_submitted', time: now, order });
    this.broker.submit(request);
    if (this.failure !== undefined) throw this.failure;
    return request.clientOrderId;
  }

  private targetOrder(symbol: string, target: DecimalInput, options?: OrderOptions): string | undefined {
    const p = this.portfolio.positions.get(symbol);
    // Fast path for the common "already there" case: no decimal arithmetic per bar. Floats only
    // decide "equal"; any difference is computed exactly.
    if (typeof target === 'number') {
      const projected = (p?.quantityNumber ?? 0) + (this.book.size === 0 ? 0 : this.book.pendingNumber(symbol));
      if (target === projected && Number.isInteger(target)) return undefined;
      // Whole numbers well inside 2^53 subtract exactly as floats: no decimal arithmetic for the usual order.
      if (this.book.size === 0 && Number.isSafeInteger(target) && Math.abs(target) < 1e12 && (p === undefined || wholeMirror(p.quantity, p.quantityNumber)))
        return this.submit(symbol, toDecimal(target - projected), options, target - projected);
    }
    const held = p?.quantity ?? ZERO;
    const current = this.book.size === 0 ? held : held.add(this.book.pending(symbol));
    return this.submit(symbol, toDecimal(target).sub(current), options);
  }

  // ---- broker side ---------------------------------------------------------------------------

  private onBrokerEvent(e: BrokerEvent): void {
    const time = this.clock.now();
    switch (e.type) {
      case 'order_accepted':
        this.book.update(e.order);
        if (this.recording) this.record({ type: 'order_accepted', time, order: e.order });
        this.notifications.push({ kind: 'order', order: e.order });
        break;
      case 'order_rejected':
        this.book.update(e.order);
        if (this.recording) this.record({ type: 'order_rejected', time, order: e.order, reason: e.reason, source: 'broker' });
        this.notifications.push({ kind: 'order', order: e.order });
        break;
      case 'order_unknown':
      case 'order_cancelled':
      case 'order_expired':
        this.book.update(e.order);
        if (this.recording) this.record({ type: e.type, time, order: e.order, reason: e.reason });
        this.notifications.push({ kind: 'order', order: e.order });
        break;
      case 'order_filled': {
        const effect = this.portfolio.applyFill(e.fill);
        this.trades.onFill(e.fill, effect);
        if (this.retain === 'results') this.fills.push(e.fill);
        this.book.update(e.order);
        if (this.recording) this.record({ type: 'order_filled', time, order: e.order, fill: e.fill });
        this.emitPortfolio(time);
        this.notifications.push({ kind: 'fill', fill: e.fill, order: e.order });
        break;
      }
      case 'broker_retry':
      case 'broker_error':
        this.emit({ ...e, time });
        break;
    }
    if (!this.delivering && this.started && !this.stopped && this.broker.reports === 'between-bars') {
      // A venue reports asynchronously, between bars: tell the strategy now.
      this.deliver();
    }
  }

  private emitPortfolio(time: number): void {
    if (!this.subject.observed) return;
    const pf = this.portfolio;
    this.emit({
      type: 'portfolio',
      time,
      cash: pf.cash,
      equity: pf.equity(),
      grossExposure: pf.grossExposure(),
      realizedPnl: pf.realizedPnl,
      fees: pf.fees,
      positions: [...pf.positions.values()]
        .filter((p) => !p.quantity.isZero())
        .map((p) => ({ symbol: p.symbol, quantity: p.quantity, averagePrice: p.averagePrice })),
    });
  }
}

/** The float mirror is the quantity itself: a whole number held exactly (so float subtraction is exact too). */
const wholeMirror = (quantity: Decimal, mirror: number): boolean => Number.isSafeInteger(mirror) && Math.abs(mirror) < 1e12 && quantity.isInteger();

/** Creates a run. Same as `new EngineRun(options)`. */
export function createEngineRun(options: EngineRunOptions): EngineRun {
  return new EngineRun(options);
}

export type { BarSource };
