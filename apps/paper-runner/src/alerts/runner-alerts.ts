import { outboxPathOf } from './outbox-path';
import { Alerting, type AlertInput, type AlertingMetrics, type AlertsConfig, type SendEvent } from '@rustybt/alerts';
import { secretValuesFromEnv } from '@rustybt/core';
import type { EngineEvent } from '@rustybt/engine';
import { alertsOfEngineEvent, type BrokerLink } from './alert-of-event';
import { feedResumedAlert, feedStaleAlert, reconcileMismatchAlert, sessionFailedAlert } from './alert-of-runner';

/** Longest a stopping runner waits for due alerts to leave (the session_stop alert above all). */
const FLUSH_ON_STOP_MS = 5_000;
/** How often the feed's freshness is looked at. */
const FEED_CHECK_MS = 1_000;

export interface FeedCheck {
  ok: boolean;
  lastBarAgeMs: number | null;
  staleAfterMs: number;
}

/** The feed check of a /health report (runner/health.ts), if it has one. */
export function feedCheckOf(health: object): FeedCheck | undefined {
  const feed = ((health as { checks?: unknown }).checks as { feed?: Partial<FeedCheck> } | undefined)?.feed;
  return feed && typeof feed.ok === 'boolean' && typeof feed.staleAfterMs === 'number'
    ? { ok: feed.ok, lastBarAgeMs: feed.lastBarAgeMs ?? null, staleAfterMs: feed.staleAfterMs }
    : undefined;
}

export interface RunnerAlertsOptions {
  session: string;
  stateFile: string;
  /** config.yaml's `alerts` section; nothing is opened without a channel. */
  alerts?: AlertsConfig;
  env?: Record<string, string | undefined>;
  /** The runner's diagnostic line for a delivery given up on (never a secret: channel errors are redacted). */
  notice?: (line: string) => void;
}

/** `<state>/<session>.alerts.db`: the session's outbox beside its state file. */

/**
 * A session's alerting: the outbox and its sender, fed from engine events and the runner's own
 * moments. Alerts raised inside a bar wait for the bar's commit, as log lines do: what a crash
 * undoes is never announced. Nothing here can throw into the trading loop.
 */
export class RunnerAlerts {
  private readonly link: BrokerLink = { connected: true };
  private pending: AlertInput[] = [];
  private feedTimer: NodeJS.Timeout | undefined;
  private staleSince: number | undefined;

  private constructor(
    private readonly alerting: Alerting,
    private readonly session: string,
  ) {}

  /** Undefined when no channel is configured. A channel whose secret is not set throws (exit 2) before the session starts. */
  static open(o: RunnerAlertsOptions): RunnerAlerts | undefined {
    if (!o.alerts || o.alerts.channels.length === 0) return undefined;
    const env = o.env ?? process.env;
    const alerting = Alerting.open({
      file: outboxPathOf(o.stateFile, o.session),
      config: o.alerts,
      resolveSecret: (name) => env[name] || undefined,
      secrets: secretValuesFromEnv(env),
      onEvent: (e: SendEvent) => {
        if (e.kind === 'dead') o.notice?.(`alert ${e.id} to ${e.channel} given up after ${e.attempts} attempts: ${e.detail}`);
      },
    });
    return new RunnerAlerts(alerting, o.session);
  }

  /** The sender starts draining (queued alerts of an earlier run go first). */
  start(): void {
    this.alerting.start();
  }

  /** An engine event: its alerts now, or at the commit when it happened inside a bar. */
  observe(e: EngineEvent, inBar: boolean): void {
    const alerts = alertsOfEngineEvent(this.session, e, this.link);
    if (alerts.length === 0) return;
    if (inBar) this.pending.push(...alerts);
    else for (const a of alerts) this.alerting.enqueue(a);
  }

  /** The bar's batch committed: its alerts go to the outbox. */
  flush(): void {
    if (this.pending.length === 0) return;
    const alerts = this.pending;
    this.pending = [];
    for (const a of alerts) this.alerting.enqueue(a);
  }

  /** The batch was rolled back: its alerts never happened. */
  discard(): void {
    this.pending = [];
  }

  /** Watches the feed's freshness (the /health check): one alert when it goes stale, one when bars come back. */
  watchFeed(health: () => object): void {
    this.feedTimer = setInterval(() => {
      const c = feedCheckOf(health());
      if (!c) return;
      const now = Date.now();
      if (!c.ok && this.staleSince === undefined) {
        this.staleSince = now;
        this.alerting.enqueue(feedStaleAlert(this.session, c.lastBarAgeMs ?? c.staleAfterMs, c.staleAfterMs, now));
      } else if (c.ok && this.staleSince !== undefined) {
        this.alerting.enqueue(feedResumedAlert(this.session, now - this.staleSince, now));
        this.staleSince = undefined;
      }
    }, FEED_CHECK_MS);
    this.feedTimer.unref();
  }

  sessionStopped(reason: string, runStartedAt: number, failure: string | undefined): void {
    if (reason === 'error') this.alerting.enqueue(sessionFailedAlert(this.session, runStartedAt, failure, Date.now()));
  }

  /**
   * Runs the session's build; when it fails, a reconciliation mismatch is alerted (and sent, for up
   * to 5 s: nothing else will). Any other failure (another runner holds the session, bad input)
   * closes the outbox without sending, so two processes never drain one outbox.
   */
  static async guardStart<T>(alerts: RunnerAlerts | undefined, build: () => Promise<T>): Promise<T> {
    try {
      return await build();
    } catch (err) {
      if (alerts) {
        const mismatch = err instanceof Error && err.name === 'ReconcileError';
        if (mismatch) alerts.alerting.enqueue(reconcileMismatchAlert(alerts.session, err.message, Date.now()));
        await alerts.alerting.close(mismatch ? FLUSH_ON_STOP_MS : 0);
      }
      throw err;
    }
  }

  metrics(): AlertingMetrics {
    return this.alerting.metrics();
  }

  /** Stops the watchers and the sender, after up to 5 s for what is due; the rest waits in the outbox for the next start. */
  async close(): Promise<void> {
    clearInterval(this.feedTimer);
    this.flush();
    await this.alerting.close(FLUSH_ON_STOP_MS);
  }
}
