import { basename } from 'node:path';
import type { Bar, EngineEvent } from '@rustybt/engine';
import type { HeartbeatState } from '@rustybt/uptime';
import type { Subscription } from 'rxjs';
import { Heartbeat } from '../heartbeat';
import { resolveHome } from '@rustybt/ops';
import { resolveAccess } from '../http/access';
import { RunnerHttpServer, type Actor, type HealthReport } from '../http/server';
import { StatusSnapshot } from '../http/status-snapshot';
import type { EventBody } from '../log/event-log';
import { statusFromStore, type StatusReport } from '../status/report';
import { removeRuntimeFile, runtimeFilePath, writeRuntimeFile } from '../status/runtime-file';
import { logMode } from '../options/runner-options';
import { version } from '../version';
import { buildSession, removeStateFile, type SessionParts } from './build-session';
import { healthOf } from './health';
import { logEventOf } from './log-events';
import { summarize, type RunCounts, type RunnerProgress, type RunSummary, type StopReason } from './run-summary';
import type { StartOptions } from './start-options';
import { RunnerAlerts } from '../alerts/runner-alerts';

export type { RunnerProgress, RunSummary, StopReason } from './run-summary';
export type { StartOptions } from './start-options';

/**
 * The long-running paper process: engine + broker + feed, with every order change and fill
 * journalled to SQLite in the same transaction as the bar that caused it, heartbeats and order
 * events in the contract log, and /health, /metrics, /status on loopback. It holds one
 * SessionParts (built by buildSession) and drives it; it constructs nothing but its own pulse.
 */
export class PaperRunner {
  readonly finished: Promise<RunSummary>;
  readonly resumed: boolean;
  readonly options: StartOptions;
  private resolveFinished: (s: RunSummary) => void = () => undefined;
  private stoppingState = false;
  private stopping: Promise<RunSummary> | undefined;
  private feedSub: Subscription | undefined;
  private engineSub: Subscription | undefined;
  private durationTimer: NodeJS.Timeout | undefined;
  private pendingLog: EventBody[] = [];
  private inBar = false;
  private lastBarAt: number | undefined;
  private runId = 0;
  private failure: string | undefined;
  private http: RunnerHttpServer | undefined;
  /** What GET /status serves: refreshed after commits, never read from SQLite per request. */
  private readonly statusSnapshot = new StatusSnapshot(() => this.status());
  /** The rule of the last risk state change: resume lifts only an operator's halt. */
  private lastRiskRule: string | undefined;
  private readonly counts: RunCounts;
  private readonly heartbeat: Heartbeat;
  private readonly runtimeFile: string;
  private readonly alerts: RunnerAlerts | undefined;

  constructor(
    private readonly parts: SessionParts,
    alerts?: RunnerAlerts,
  ) {
    this.alerts = alerts;
    const { options, engine, store, log, metrics, venue } = parts;
    this.options = options;
    this.resumed = parts.resumed;
    this.finished = new Promise((resolve) => (this.resolveFinished = resolve));
    this.counts = {
      startedAt: Date.now(),
      barsAtStart: engine.barsProcessed,
      ordersThisRun: 0,
      fillsThisRun: 0,
      fillsTotal: store.fillCount(),
      startEquity: engine.portfolio.equity().toFixed(),
    };
    this.runtimeFile = runtimeFilePath(options.stateFile.replace(/[/\\][^/\\]+$/, ''), options.session);
    this.heartbeat = new Heartbeat(options.heartbeatMs, { state: () => this.heartbeatState(), equity: () => engine.portfolio.equity().toFixed() }, (beat) =>
      log.write({ level: 'info', event: 'heartbeat', ...beat }),
    );
    metrics.observe({
      ordersByStatus: () => store.orderCountsByStatus(),
      equity: () => engine.portfolio.equityNumber(),
      heartbeatAgeMs: () => this.heartbeat.ageMs(),
      lastBarAgeMs: () => (this.lastBarAt === undefined ? undefined : Date.now() - this.lastBarAt),
      brokerConnected: () => !this.stoppingState,
    });
    venue?.wrapDeliveries((deliver) => this.aroundVenueEvent(deliver));
    if (alerts) metrics.observeAlerts(() => alerts.metrics());
  }

  get startedAt(): number {
    return this.counts.startedAt;
  }

  get url(): string | undefined {
    return this.http?.url;
  }

  /** Opens (or resumes) the session and starts trading. Input problems throw with exitCode 2. */
  static async start(options: StartOptions): Promise<PaperRunner> {
    const alerts = RunnerAlerts.open(options);
    const runner = new PaperRunner(await RunnerAlerts.guardStart(alerts, () => buildSession(options)), alerts);
    try {
      await runner.begin();
      return runner;
    } catch (err) {
      await runner.abort(err);
      throw err;
    }
  }

  private async begin(): Promise<void> {
    const { options: o, engine, store, log, journal, venue, feed } = this.parts;
    this.http = await RunnerHttpServer.start(
      o.port,
      {
        registry: this.parts.metrics.registry,
        health: () => this.health(),
        status: () => this.servedStatus(),
        halt: (r) => this.operatorSwitch('HALTED', r.actor, r.cancelOpen),
        resume: (r) => this.operatorSwitch('ACTIVE', r.actor, false),
      },
      {
        ...resolveAccess({
          bind: o.bind,
          ...(o.api ? { api: o.api } : {}),
          env: o.env ?? process.env,
          layout: resolveHome((o.env ?? process.env) as NodeJS.ProcessEnv),
        }),
        onAuthFailure: (e) =>
          log.write({ level: 'warn', event: 'error', error_type: 'ApiAuthFailure', message: `${e.method} ${e.path} from ${e.client}: ${e.reason}` }),
        onError: (err) => log.write({ level: 'error', event: 'error', error_type: 'ApiError', message: err instanceof Error ? err.message : String(err) }),
      },
    );
    this.runId = store.beginRun({ pid: process.pid, version, startedAt: this.startedAt, resumed: this.resumed });
    store.setRunUrl(this.runId, this.http.url);
    writeRuntimeFile(this.runtimeFile, { pid: process.pid, url: this.http.url, startedAt: this.startedAt });
    log.write({
      level: 'info',
      event: 'session_start',
      heartbeat_interval_ms: o.heartbeatMs,
      strategy: basename(o.strategyFile),
      broker: this.parts.broker.id,
      mode: logMode(o),
      resumed: this.resumed,
    });
    this.heartbeat.start();
    this.alerts?.start();
    o.notice?.(
      `${this.resumed ? 'resuming' : 'new'} session ${o.session}: strategy ${o.strategyFile}, broker ${this.parts.broker.id}, data ${o.data} ${o.symbol}`,
    );
    o.notice?.(`logs: ${o.logDir}  state: ${o.stateFile}`);
    o.notice?.(`http: ${this.http.url} (GET /health /metrics /status, POST /halt /resume)`);
    this.engineSub = engine.events$.subscribe((e) => this.onEngineEvent(e));
    await engine.start();
    if (venue) {
      // Orders of onInit and a resumed session's unsent orders: committed first, then sent.
      journal.open();
      // Positions and cash as the session starts, which reconciliation may have adopted from the venue.
      journal.markPortfolioChanged();
      journal.commit(engine);
      venue.release();
    }
    const warmed = await this.warmUp();
    const last = store.checkpoint()?.last_bar_time;
    if (last) o.notice?.(`resumed session ${o.session} after ${engine.barsProcessed} bars (last bar ${new Date(last).toISOString()})`);
    else if (warmed > 0) o.notice?.(`warmed up on ${warmed} bars before the first live bar`);
    // A stop that came during the warm-up has already shut everything down.
    if (this.stopping) return;
    this.alerts?.watchFeed(() => this.health());
    if (o.durationMs !== undefined) this.durationTimer = setTimeout(() => void this.stop('duration_elapsed'), o.durationMs);
    this.feedSub = feed.live().subscribe({
      next: (bar) => this.onBar(bar),
      error: (err: unknown) => void this.fail(err),
      complete: () => void this.stop('completed'),
    });
  }

  /** History only: the bars before the first live one fill the strategy's windows. */
  private async warmUp(): Promise<number> {
    let warmed = 0;
    for await (const bar of this.parts.feed.warmup()) {
      this.parts.engine.processBar(bar);
      this.parts.recent.push(bar);
      warmed++;
    }
    return warmed;
  }

  /**
   * One bar into the open batch. A batch is every bar that arrives before the event loop turns
   * (one bar at live pace, up to a thousand when replaying flat out) and commits as a whole, with
   * the checkpoint; only then do its log lines go out, so the log never shows what a crash undoes.
   */
  private onBar(bar: Bar): void {
    if (this.stopping) return;
    if (this.parts.journal.open()) setImmediate(() => this.commitBatch());
    try {
      this.inBar = true;
      this.parts.engine.processBar(bar);
    } catch (err) {
      this.abandonBatch(err);
      return;
    } finally {
      this.inBar = false;
    }
    this.parts.recent.push(bar);
    this.lastBarAt = Date.now();
    this.parts.metrics.barsProcessed.inc();
  }

  private commitBatch(): void {
    const { journal, store, engine, venue } = this.parts;
    if (journal.isSealed || !store.inTransaction) return;
    try {
      journal.commit(engine);
    } catch (err) {
      this.abandonBatch(err);
      return;
    }
    this.flushLog();
    venue?.release();
    this.statusSnapshot.refresh();
  }

  /**
   * A venue reports between bars: each report is journalled and committed with a checkpoint before
   * anything the strategy does about it is sent, like a bar's batch.
   */
  private aroundVenueEvent(deliver: () => void): void {
    if (this.parts.journal.isSealed) {
      deliver();
      return;
    }
    const opened = this.parts.journal.open();
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
    this.parts.journal.rollback();
    this.parts.journal.seal();
    this.pendingLog = [];
    this.alerts?.discard();
    void this.fail(err);
  }

  private onEngineEvent(e: EngineEvent): void {
    this.count(e);
    this.alerts?.observe(e, this.inBar);
    if (e.type === 'risk_state') this.lastRiskRule = e.rule;
    const body = logEventOf(e);
    if (!body) return;
    // Inside a bar, lines wait for the commit: the log never shows what a crash would undo.
    if (this.inBar) this.pendingLog.push(body);
    else this.parts.log.write(body);
  }

  private count(e: EngineEvent): void {
    const m = this.parts.metrics;
    if (e.type === 'order_submitted') {
      this.counts.ordersThisRun++;
      m.orderEvents.inc({ event: 'submitted' });
    } else if (e.type === 'order_filled') {
      this.counts.fillsThisRun++;
      this.counts.fillsTotal++;
      m.fills.inc();
      m.orderEvents.inc({ event: 'filled' });
    } else if (e.type === 'order_rejected' || e.type === 'order_cancelled' || e.type === 'order_expired') {
      m.orderEvents.inc({ event: e.type.slice('order_'.length) });
    } else if (e.type === 'broker_error' || e.type === 'broker_retry') {
      m.brokerErrors.inc({ error_type: e.errorType });
    }
  }

  private flushLog(): void {
    this.alerts?.flush();
    if (this.pendingLog.length === 0) return;
    const lines = this.pendingLog;
    this.pendingLog = [];
    for (const body of lines) this.parts.log.write(body);
  }

  private heartbeatState(): HeartbeatState {
    if (this.stoppingState) return 'STOPPING';
    return this.parts.engine.tradingState === 'HALTED' ? 'HALTED' : 'RUNNING';
  }

  health(): HealthReport {
    return healthOf({
      now: Date.now(),
      session: this.options.session,
      state: this.heartbeatState(),
      stopping: this.stoppingState,
      startedAt: this.startedAt,
      heartbeatMs: this.options.heartbeatMs,
      heartbeatAgeMs: this.heartbeat.ageMs(),
      barPeriodMs: this.parts.feed.barPeriodMs,
      lastBarAt: this.lastBarAt,
      brokerId: this.parts.broker.id,
    });
  }

  status(): StatusReport {
    const { store, engine } = this.parts;
    return statusFromStore(this.options.session, store, {
      pid: process.pid,
      url: this.http?.url ?? null,
      startedAt: this.startedAt,
      state: this.heartbeatState(),
      equity: engine.portfolio.equity().toFixed(),
      barsProcessed: engine.barsProcessed,
      lastBarTime: store.checkpoint()?.last_bar_time ?? null,
      now: Date.now(),
    });
  }

  /** GET /status: the snapshot, with what memory knows exactly now (state, equity, bars, uptime). */
  private servedStatus(): StatusReport {
    const engine = this.parts.engine;
    return {
      ...this.statusSnapshot.latest(),
      state: this.heartbeatState(),
      equity: engine.portfolio.equity().toFixed(),
      barsProcessed: engine.barsProcessed,
      uptimeSeconds: Math.round((Date.now() - this.startedAt) / 1000),
    };
  }

  /**
   * The kill switch (POST /halt, /resume): the engine's manual HALTED state (only cancels pass) and
   * back, journalled and committed like a venue report; logged as risk_halt / risk_resume, rule
   * operator. Resume lifts only an operator's halt, never a risk rule's.
   */
  private operatorSwitch(to: 'HALTED' | 'ACTIVE', actor: Actor, cancelOpen: boolean): Record<string, unknown> {
    const engine = this.parts.engine;
    const before = engine.tradingState;
    if (this.stopping) return { state: this.heartbeatState(), changed: false, reason: 'the session is stopping' };
    if (to === 'ACTIVE' && (before !== 'HALTED' || this.lastRiskRule !== 'manual')) {
      return {
        state: this.heartbeatState(),
        changed: false,
        ...(before !== 'ACTIVE' ? { reason: `${before} by risk rule ${this.lastRiskRule ?? 'unknown'}, which an operator cannot lift` } : {}),
      };
    }
    let cancelled = 0;
    this.aroundVenueEvent(() => {
      engine.setTradingState(
        to,
        `${to === 'HALTED' ? 'halted' : 'resumed'} by ${actor.subject} through the API (token ${actor.jti})${to === 'HALTED' ? (cancelOpen ? ', open orders cancelled' : ', open orders kept') : ''}`,
      );
      if (to === 'HALTED' && cancelOpen) {
        for (const order of engine.snapshot().openOrders) {
          this.parts.broker.cancel(order.clientOrderId);
          cancelled++;
        }
      }
    });
    this.statusSnapshot.refresh(true);
    return { state: this.heartbeatState(), changed: before !== engine.tradingState, cancelOpen, cancelled };
  }

  progress(): RunnerProgress {
    const engine = this.parts.engine;
    return {
      session: this.options.session,
      elapsedMs: Date.now() - this.startedAt,
      bars: engine.barsProcessed,
      orders: this.counts.ordersThisRun,
      fills: this.counts.fillsThisRun,
      equity: engine.portfolio.equity().toFixed(),
      heartbeatAgeMs: this.heartbeat.ageMs(),
      state: this.heartbeatState(),
    };
  }

  private async fail(err: unknown): Promise<RunSummary> {
    const message = err instanceof Error ? err.message : String(err);
    this.failure = message;
    this.parts.log.write({ level: 'error', event: 'error', error_type: err instanceof Error ? err.name : 'Error', message });
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
    const { journal, engine, log, store } = this.parts;
    this.stoppingState = true;
    this.feedSub?.unsubscribe();
    clearTimeout(this.durationTimer);
    try {
      this.commitBatch();
      if (!journal.isSealed) {
        journal.open();
        this.inBar = true;
        await engine.stop(reason);
        journal.commit(engine);
      } else {
        await engine.stop(reason);
      }
    } catch (err) {
      journal.rollback();
      this.failure ??= err instanceof Error ? err.message : String(err);
    } finally {
      this.inBar = false;
      this.flushLog();
    }
    this.engineSub?.unsubscribe();
    this.heartbeat.stop();
    this.heartbeat.beat();
    log.write({ level: reason === 'error' ? 'error' : 'info', event: 'session_stop', reason });
    this.alerts?.sessionStopped(reason, this.startedAt, this.failure);
    store.endRun(this.runId, Date.now(), reason);
    const summary = summarize(engine, this.counts, {
      session: this.options.session,
      resumed: this.resumed,
      stateFile: this.options.stateFile,
      logDir: this.options.logDir,
      reason,
      failure: this.failure,
    });
    await this.release();
    this.resolveFinished(summary);
    return summary;
  }

  /** Start failed after the session was built: close everything without claiming a session ran. */
  private async abort(err: unknown): Promise<void> {
    if (this.runId) {
      this.parts.log.write({
        level: 'error',
        event: 'error',
        error_type: err instanceof Error ? err.name : 'Error',
        message: String(err instanceof Error ? err.message : err),
      });
      this.parts.log.write({ level: 'error', event: 'session_stop', reason: 'error' });
      this.parts.store.endRun(this.runId, Date.now(), 'error');
    }
    await this.release();
    // A session that never ran leaves no state file behind.
    if (this.parts.createdNow && this.parts.engine.barsProcessed === 0) removeStateFile(this.options.stateFile);
  }

  /** The one way out, after a stop or a failed start: every resource let go, in reverse order of opening. */
  private async release(): Promise<void> {
    this.feedSub?.unsubscribe();
    this.engineSub?.unsubscribe();
    this.heartbeat.stop();
    clearTimeout(this.durationTimer);
    this.statusSnapshot.close();
    await this.http?.close();
    await this.parts.venue?.close().catch(() => undefined);
    removeRuntimeFile(this.runtimeFile);
    await this.alerts?.close();
    await this.parts.log.close();
    this.parts.store.close();
  }
}
