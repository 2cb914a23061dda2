import { existsSync, rmSync } from 'node:fs';
import { basename } from 'node:path';
import {
  EngineRun,
  engineSnapshotSchema,
  INTERVAL_MS,
  loadStrategy,
  resolveParams,
  type Bar,
  type Broker,
  type EngineEvent,
  type EngineSnapshot,
  type Strategy,
  type StrategyParams,
} from '@rustybt/engine';
import type { HeartbeatState } from '@rustybt/uptime';
import type { Subscription } from 'rxjs';
import type { CcxtBroker } from '@rustybt/brokers';
import { Heartbeat } from '../heartbeat';
import { RunnerMetrics } from '../http/metrics';
import { RunnerHttpServer, type HealthReport } from '../http/server';
import { EventLog, type EventBody } from '../log/event-log';
import { secretValuesFromEnv } from '../log/redact';
import { isVenue, type RunnerOptions } from '../options/runner-options';
import { DeferredVenue } from '../venue/deferred-venue';
import { assetsOf } from '../venue/reconcile';
import { reconcileAtStart, venueBaseline } from '../venue/venue-start';
import { orderToRow } from '../state/rows';
import { SessionJournal } from '../state/session-journal';
import { StateStore } from '../state/store';
import { statusFromStore, type StatusReport } from '../status/report';
import { removeRuntimeFile, runtimeFilePath, writeRuntimeFile } from '../status/runtime-file';
import { version } from '../version';
import { createBroker } from './broker';
import { feedWindow, openRunnerFeed, type RunnerFeed } from './feed';
import { logEventOf } from './log-events';
import { RecentBars } from './recent-bars';
import { checkSameSession, metaFromRecord, metaToRecord, type SessionMeta } from './session-meta';

export type StopReason = 'completed' | 'duration_elapsed' | 'signal' | 'error';

export interface RunnerProgress {
  session: string;
  elapsedMs: number;
  bars: number;
  orders: number;
  fills: number;
  equity: string;
  heartbeatAgeMs: number | undefined;
  state: HeartbeatState;
}

export interface RunSummary {
  session: string;
  reason: StopReason;
  resumed: boolean;
  elapsedMs: number;
  barsThisRun: number;
  barsTotal: number;
  ordersThisRun: number;
  fillsThisRun: number;
  fillsTotal: number;
  startEquity: string;
  equity: string;
  cash: string;
  positions: { symbol: string; quantity: string; averagePrice: string }[];
  stateFile: string;
  logDir: string;
  error?: string;
}

export interface StartOptions extends RunnerOptions {
  /** Informational lines for a human (endpoint, resume point); the log is the record. */
  notice?: (line: string) => void;
  /** Replace the broker (tests, benchmarks); default: the one --broker names. */
  broker_?: Broker;
  /** Bars of a replayed sim window (default 1000); fixed when the session is created. */
  replaySimBars?: number;
}

/**
 * The long-running paper process: engine + broker + feed, with every order change and fill
 * journalled to SQLite in the same transaction as the bar that caused it, heartbeats and order
 * events in the contract log, and /health, /metrics, /status on loopback.
 */
export class PaperRunner {
  readonly finished: Promise<RunSummary>;
  readonly resumed: boolean;
  readonly startedAt = Date.now();
  private resolveFinished!: (s: RunSummary) => void;
  private state: HeartbeatState = 'RUNNING';
  private stopping: Promise<RunSummary> | undefined;
  private feedSub: Subscription | undefined;
  private engineSub: Subscription | undefined;
  private durationTimer: NodeJS.Timeout | undefined;
  private pendingLog: EventBody[] = [];
  private inBar = false;
  /** A batch was rolled back: the engine is ahead of the state file, which must keep its last good checkpoint. */
  private poisoned = false;
  private barsAtStart: number;
  private lastBarAt: number | undefined;
  private ordersThisRun = 0;
  private fillsThisRun = 0;
  private fillsTotal: number;
  private runId = 0;
  private failure: string | undefined;
  private readonly startEquity: string;
  private readonly runtimeFile: string;
  private readonly journal: SessionJournal;

  private constructor(
    readonly options: StartOptions,
    private readonly store: StateStore,
    private engine: EngineRun,
    private broker: Broker,
    private readonly recent: RecentBars,
    private readonly feed: RunnerFeed,
    private readonly log: EventLog,
    private readonly metrics: RunnerMetrics,
    private readonly heartbeat: Heartbeat,
    private http: RunnerHttpServer | undefined,
    resumed: boolean,
    /** A venue broker, whose orders wait for the commit that records them. */
    private readonly venue: DeferredVenue | undefined,
  ) {
    this.resumed = resumed;
    this.finished = new Promise((resolve) => (this.resolveFinished = resolve));
    this.barsAtStart = engine.barsProcessed;
    this.fillsTotal = store.fillCount();
    this.startEquity = engine.portfolio.equity().toFixed();
    // At a venue the cash is the symbol's quote asset (USDT for BTC/USDT).
    this.journal = new SessionJournal(store, (isVenue(options.broker) && assetsOf(options.symbol)?.quote) || 'USD');
    this.runtimeFile = runtimeFilePath(options.stateFile.replace(/[/\\][^/\\]+$/, ''), options.session);
  }

  get url(): string | undefined {
    return this.http?.url;
  }

  /** Opens (or resumes) the session and starts trading. Input problems throw with exitCode 2. */
  static async start(options: StartOptions): Promise<PaperRunner> {
    // The strategy and its parameters are checked before the state file is touched.
    const strategy = await loadStrategy(options.strategyFile);
    const params = resolveParams(strategy.params, options.params);
    const existed = existsSync(options.stateFile);
    const store = StateStore.open(options.stateFile, { exclusive: true });
    let runner: PaperRunner | undefined;
    try {
      runner = await PaperRunner.assemble(options, store, strategy, params);
      await runner.begin();
      return runner;
    } catch (err) {
      if (runner) await runner.abort(err);
      else store.close();
      // A session that never ran leaves no state file behind.
      if (!existed && !runner?.ranBars) for (const suffix of ['', '-wal', '-shm']) rmSync(`${options.stateFile}${suffix}`, { force: true });
      throw err;
    }
  }

  private get ranBars(): boolean {
    return this.engine.barsProcessed > 0;
  }

  private static async assemble(options: StartOptions, store: StateStore, strategy: Strategy, params: StrategyParams): Promise<PaperRunner> {
    const saved = metaFromRecord(store.meta());
    const checkpoint = store.checkpoint();
    const identity = { strategy: options.strategyFile, broker: options.broker, data: options.data, symbol: options.symbol, interval: options.interval, params };
    const warmupBars = strategy.historySize ?? 1000;
    let meta: SessionMeta;
    if (saved) {
      checkSameSession(options.session, saved, identity);
      meta = saved;
    } else {
      const window = feedWindow(options.data, options.interval, Date.now(), warmupBars);
      if (options.replaySimBars !== undefined && window.replayTo !== undefined) window.replayTo = window.feedAnchor + options.replaySimBars * INTERVAL_MS[options.interval];
      meta = { ...identity, capital: options.capital.toFixed(), createdAt: Date.now(), ...window };
      store.setMeta(metaToRecord(meta));
    }
    let restore: EngineSnapshot | undefined;
    if (checkpoint) restore = engineSnapshotSchema.parse(JSON.parse(checkpoint.engine_snapshot));
    const resumed = saved !== undefined;

    // The engine, metrics and heartbeat call back into the runner they are built for.
    const ref: { runner?: PaperRunner } = {};
    let venue: DeferredVenue | undefined;
    if (!options.broker_ && isVenue(options.broker)) {
      const ccxt = createBroker(options, (e) => options.notice?.(`${options.broker}: ${e.message}`)) as CcxtBroker;
      venue = new DeferredVenue(ccxt, (deliver) => (ref.runner ? ref.runner.aroundVenueEvent(deliver) : deliver()), (fillId) => store.hasFill(fillId));
      try {
        await venue.connect();
        if (!saved) store.setMeta(await venueBaseline(ccxt, options.symbol, options.capital));
        else if (restore) {
          const outcome = await reconcileAtStart(ccxt, options.symbol, store.meta(), restore, options.reconcile);
          for (const line of outcome.lines) options.notice?.(line);
          for (const order of outcome.adoptedOrders) store.upsertOrder(orderToRow(order));
          restore = outcome.snapshot;
        }
      } catch (err) {
        await venue.close().catch(() => undefined);
        throw err;
      }
    }
    const build = (brokerNow: Broker, from: EngineSnapshot | undefined) => {
      const engine = new EngineRun({
        runId: options.session,
        // A session runs for weeks: the state file holds every fill, so the engine keeps only its state.
        retain: 'state',
        strategy,
        broker: brokerNow,
        symbols: [options.symbol],
        capital: meta.capital,
        params,
        ...(options.risk ? { risk: options.risk } : {}),
        ...(from ? { restore: from } : meta.liveFrom !== undefined ? { warmUpThrough: meta.liveFrom - 1 } : {}),
        // After a rolled-back batch nothing more is journalled: the file keeps its last good checkpoint.
        journal: (e) => {
          if (!ref.runner!.poisoned) ref.runner!.journal.record(e);
        },
      });
      return { engine, broker: brokerNow };
    };
    const { engine, broker } = build(options.broker_ ?? venue ?? createBroker(options), restore);
    const feed = openRunnerFeed({
      data: meta.data,
      symbol: meta.symbol,
      interval: options.interval,
      ...(options.speed !== undefined ? { speed: options.speed } : {}),
      feedAnchor: meta.feedAnchor,
      ...(meta.replayTo !== undefined ? { replayTo: meta.replayTo } : {}),
      ...(restore?.lastBarTime != null ? { resumeAfter: restore.lastBarTime } : {}),
      ...(meta.liveFrom !== undefined ? { liveFrom: meta.liveFrom } : {}),
      warmupBars,
      ...(options.apiUrl ? { apiUrl: options.apiUrl } : {}),
      ...(options.yahooUrl ? { yahooUrl: options.yahooUrl } : {}),
      onFeedError: (err, attempt, delayMs) =>
        log.write({ level: 'warn', event: 'error', error_type: 'FeedError', message: `${meta.data} ${meta.symbol}: ${err instanceof Error ? err.message : String(err)}; reconnecting in ${delayMs} ms (attempt ${attempt})` }),
    });
    const log = new EventLog({
      dir: options.logDir,
      session: options.session,
      version,
      level: options.logLevel,
      secrets: secretValuesFromEnv(options.env ?? process.env),
    });
    const metrics = new RunnerMetrics(
      {
        ordersByStatus: () => store.orderCountsByStatus(),
        equity: () => ref.runner!.engine.portfolio.equityNumber(),
        heartbeatAgeMs: () => ref.runner?.heartbeat.ageMs(),
        lastBarAgeMs: () => (ref.runner?.lastBarAt === undefined ? undefined : Date.now() - ref.runner.lastBarAt),
        brokerConnected: () => ref.runner?.state !== 'STOPPING',
      },
      { session: options.session },
    );
    const heartbeat = new Heartbeat(
      options.heartbeatMs,
      { state: () => ref.runner!.heartbeatState(), equity: () => ref.runner!.engine.portfolio.equity().toFixed() },
      (beat) => log.write({ level: 'info', event: 'heartbeat', ...beat }),
    );
    ref.runner = new PaperRunner(options, store, engine, broker, new RecentBars(warmupBars), feed, log, metrics, heartbeat, undefined, resumed, venue);
    return ref.runner;
  }

  private async begin(): Promise<void> {
    const o = this.options;
    this.http = await RunnerHttpServer.start(o.port, {
      registry: this.metrics.registry,
      health: () => this.health(),
      status: () => this.status(),
    });
    this.runId = this.store.beginRun({ pid: process.pid, version, startedAt: this.startedAt, resumed: this.resumed });
    this.store.setRunUrl(this.runId, this.http.url);
    writeRuntimeFile(this.runtimeFile, { pid: process.pid, url: this.http.url, startedAt: this.startedAt });
    this.log.write({
      level: 'info',
      event: 'session_start',
      heartbeat_interval_ms: o.heartbeatMs,
      strategy: basename(o.strategyFile),
      broker: this.broker.id,
      mode: o.mode,
      resumed: this.resumed,
    });
    this.heartbeat.start();
    o.notice?.(`${this.resumed ? 'resuming' : 'new'} session ${o.session}: strategy ${o.strategyFile}, broker ${this.broker.id}, data ${o.data} ${o.symbol}`);
    o.notice?.(`logs: ${o.logDir}  state: ${o.stateFile}`);
    o.notice?.(`http: ${this.http.url} (GET /health /metrics /status)`);
    this.engineSub = this.engine.events$.subscribe((e) => this.onEngineEvent(e));
    await this.engine.start();
    if (this.venue) {
      // Orders of onInit and a resumed session's unsent orders: committed first, then sent.
      this.journal.open();
      // Positions and cash as the session starts, which reconciliation may have adopted from the venue.
      this.journal.markPortfolioChanged();
      this.journal.commit(this.engine);
      this.venue.release();
    }
    let warmed = 0;
    for await (const bar of this.feed.warmup()) {
      this.engine.processBar(bar);
      this.recent.push(bar);
      warmed++;
    }
    const last = this.store.checkpoint()?.last_bar_time;
    if (last) o.notice?.(`resumed session ${o.session} after ${this.engine.barsProcessed} bars (last bar ${new Date(last).toISOString()})`);
    else if (warmed > 0) o.notice?.(`warmed up on ${warmed} bars before the first live bar`);
    // A stop that came during the warm-up has already shut everything down.
    if (this.stopping) return;
    if (o.durationMs !== undefined) this.durationTimer = setTimeout(() => void this.stop('duration_elapsed'), o.durationMs);
    this.feedSub = this.feed.live().subscribe({
      next: (bar) => this.onBar(bar),
      error: (err: unknown) => void this.fail(err),
      complete: () => void this.stop('completed'),
    });
  }

  /**
   * One bar into the open batch. A batch is every bar that arrives before the event loop turns
   * (one bar at live pace, up to a thousand when replaying flat out) and commits as a whole, with
   * the checkpoint; only then do its log lines go out, so the log never shows what a crash undoes.
   */
  private onBar(bar: Bar): void {
    if (this.stopping) return;
    if (this.journal.open()) setImmediate(() => this.commitBatch());
    try {
      this.inBar = true;
      this.engine.processBar(bar);
    } catch (err) {
      this.abandonBatch(err);
      return;
    } finally {
      this.inBar = false;
    }
    this.recent.push(bar);
    this.lastBarAt = Date.now();
    this.metrics.barsProcessed.inc();
  }

  private commitBatch(): void {
    if (this.poisoned || !this.store.inTransaction) return;
    try {
      this.journal.commit(this.engine);
    } catch (err) {
      this.abandonBatch(err);
      return;
    }
    this.flushLog();
    this.venue?.release();
  }

  /**
   * A venue reports between bars: each report is journalled and committed with a checkpoint before
   * anything the strategy does about it is sent, like a bar's batch.
   */
  aroundVenueEvent(deliver: () => void): void {
    if (this.poisoned) {
      deliver();
      return;
    }
    const opened = this.journal.open();
    const wasInBar = this.inBar;
    this.inBar = true;
    try {
      deliver();
    } finally {
      this.inBar = wasInBar;
    }
    if (opened) this.commitBatch();
  }

  /** The open batch cannot be committed: forget it and its log lines, keep the file's last good checkpoint, stop. */
  private abandonBatch(err: unknown): void {
    this.journal.rollback();
    this.pendingLog = [];
    this.poisoned = true;
    void this.fail(err);
  }

  private onEngineEvent(e: EngineEvent): void {
    if (e.type === 'order_submitted') {
      this.ordersThisRun++;
      this.metrics.orderEvents.inc({ event: 'submitted' });
    } else if (e.type === 'order_filled') {
      this.fillsThisRun++;
      this.fillsTotal++;
      this.metrics.fills.inc();
      this.metrics.orderEvents.inc({ event: 'filled' });
    } else if (e.type === 'order_rejected' || e.type === 'order_cancelled' || e.type === 'order_expired') {
      this.metrics.orderEvents.inc({ event: e.type.slice('order_'.length) });
    } else if (e.type === 'broker_error' || e.type === 'broker_retry') {
      this.metrics.brokerErrors.inc({ error_type: e.errorType });
    }
    const body = logEventOf(e);
    if (!body) return;
    // Inside a bar, lines wait for the commit: the log never shows what a crash would undo.
    if (this.inBar) this.pendingLog.push(body);
    else this.log.write(body);
  }

  private flushLog(): void {
    if (this.pendingLog.length === 0) return;
    const lines = this.pendingLog;
    this.pendingLog = [];
    for (const body of lines) this.log.write(body);
  }

  private heartbeatState(): HeartbeatState {
    if (this.state === 'STOPPING') return 'STOPPING';
    return this.engine.tradingState === 'HALTED' ? 'HALTED' : 'RUNNING';
  }

  health(): HealthReport {
    const now = Date.now();
    const heartbeatAge = this.heartbeat.ageMs();
    const live = heartbeatAge !== undefined && heartbeatAge <= 2 * this.options.heartbeatMs + 1000;
    const staleAfter = Math.max(5 * this.feed.barPeriodMs, 2 * this.options.heartbeatMs, 5_000);
    const barAge = this.lastBarAt === undefined ? now - this.startedAt : now - this.lastBarAt;
    const feedFresh = barAge <= staleAfter;
    const brokerConnected = this.state !== 'STOPPING';
    const ready = live && feedFresh && brokerConnected && this.state === 'RUNNING';
    return {
      status: ready ? 'ok' : live ? 'degraded' : 'down',
      live,
      ready,
      session: this.options.session,
      state: this.heartbeatState(),
      uptimeSeconds: Math.round((now - this.startedAt) / 1000),
      checks: {
        heartbeat: { ok: live, ageMs: heartbeatAge ?? null, intervalMs: this.options.heartbeatMs },
        feed: { ok: feedFresh, lastBarAgeMs: this.lastBarAt === undefined ? null : barAge, staleAfterMs: staleAfter },
        broker: { ok: brokerConnected, id: this.broker.id },
      },
    };
  }

  status(): StatusReport {
    const snap = this.store.checkpoint();
    return statusFromStore(this.options.session, this.store, {
      pid: process.pid,
      url: this.http?.url ?? null,
      startedAt: this.startedAt,
      state: this.heartbeatState(),
      equity: this.engine.portfolio.equity().toFixed(),
      barsProcessed: this.engine.barsProcessed,
      lastBarTime: snap?.last_bar_time ?? null,
      now: Date.now(),
    });
  }

  progress(): RunnerProgress {
    return {
      session: this.options.session,
      elapsedMs: Date.now() - this.startedAt,
      bars: this.engine.barsProcessed,
      orders: this.ordersThisRun,
      fills: this.fillsThisRun,
      equity: this.engine.portfolio.equity().toFixed(),
      heartbeatAgeMs: this.heartbeat.ageMs(),
      state: this.heartbeatState(),
    };
  }

  private async fail(err: unknown): Promise<RunSummary> {
    const message = err instanceof Error ? err.message : String(err);
    this.failure = message;
    this.log.write({ level: 'error', event: 'error', error_type: err instanceof Error ? err.name : 'Error', message });
    return this.stop('error');
  }

  /**
   * Graceful stop: no new bars or orders, the strategy's onStop, a final checkpoint, a last
   * STOPPING heartbeat, `session_stop`, every log line flushed. Idempotent.
   */
  stop(reason: StopReason): Promise<RunSummary> {
    this.stopping ??= this.shutdown(reason);
    return this.stopping;
  }

  private async shutdown(reason: StopReason): Promise<RunSummary> {
    this.state = 'STOPPING';
    clearTimeout(this.durationTimer);
    this.feedSub?.unsubscribe();
    try {
      this.commitBatch();
      if (!this.poisoned) {
        this.journal.open();
        this.inBar = true;
        await this.engine.stop(reason);
        this.journal.commit(this.engine);
      } else {
        await this.engine.stop(reason);
      }
    } catch (err) {
      this.journal.rollback();
      if (!this.failure) this.failure = err instanceof Error ? err.message : String(err);
    } finally {
      this.inBar = false;
      this.flushLog();
    }
    this.engineSub?.unsubscribe();
    this.heartbeat.stop();
    this.heartbeat.beat();
    this.log.write({ level: reason === 'error' ? 'error' : 'info', event: 'session_stop', reason });
    this.store.endRun(this.runId, Date.now(), reason);
    const summary = this.summary(reason);
    await this.http?.close();
    removeRuntimeFile(this.runtimeFile);
    await this.log.close();
    this.store.close();
    this.resolveFinished(summary);
    return summary;
  }

  /** Start failed after the log was opened: close everything without claiming a session ran. */
  private async abort(err: unknown): Promise<void> {
    this.feedSub?.unsubscribe();
    this.engineSub?.unsubscribe();
    this.heartbeat.stop();
    clearTimeout(this.durationTimer);
    if (this.runId) {
      this.log.write({ level: 'error', event: 'error', error_type: err instanceof Error ? err.name : 'Error', message: String(err instanceof Error ? err.message : err) });
      this.log.write({ level: 'error', event: 'session_stop', reason: 'error' });
      this.store.endRun(this.runId, Date.now(), 'error');
    }
    await this.http?.close();
    await this.venue?.close().catch(() => undefined);
    removeRuntimeFile(this.runtimeFile);
    await this.log.close();
    this.store.close();
  }

  private summary(reason: StopReason): RunSummary {
    const pf = this.engine.portfolio;
    return {
      session: this.options.session,
      reason,
      resumed: this.resumed,
      elapsedMs: Date.now() - this.startedAt,
      barsThisRun: this.engine.barsProcessed - this.barsAtStart,
      barsTotal: this.engine.barsProcessed,
      ordersThisRun: this.ordersThisRun,
      fillsThisRun: this.fillsThisRun,
      fillsTotal: this.fillsTotal,
      startEquity: this.startEquity,
      equity: pf.equity().toFixed(),
      cash: pf.cash.toFixed(),
      positions: [...pf.positions.values()].filter((p) => !p.quantity.isZero()).map((p) => ({ symbol: p.symbol, quantity: p.quantity.toFixed(), averagePrice: p.averagePrice.toFixed() })),
      stateFile: this.options.stateFile,
      logDir: this.options.logDir,
      ...(this.failure ? { error: this.failure } : {}),
    };
  }
}
