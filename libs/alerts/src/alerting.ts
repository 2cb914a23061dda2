import { redact } from '@rustybt/core';
import { alertIdOf, type Alert, type AlertInput } from './alert';
import type { Channel } from './channels/channel';
import { createChannel, envSecrets, type SecretResolver } from './channels/create-channels';
import type { AlertsConfig } from './config/schema';
import { Outbox } from './outbox/outbox';
import { Redactor } from './redact';
import { Router } from './send/router';
import { Sender, type Clock, type SendEvent } from './send/sender';

export interface AlertingOptions {
  /** The outbox file, e.g. `<state>/<session>.alerts.db`. */
  file: string;
  config: AlertsConfig;
  /** Secrets by the names config gives (default: the environment). */
  resolveSecret?: SecretResolver;
  /** Further values to cut out of alert text (the runner's own secrets: API keys in an error message). */
  secrets?: readonly string[];
  /** Channels built by the caller instead of from config (tests, benchmarks). */
  channels?: readonly Channel[];
  clock?: Clock;
  seed?: number;
  onEvent?: (e: SendEvent) => void;
}

export type EnqueueResult =
  { queued: true; id: string; channels: number } | { queued: false; id?: string; reason: 'duplicate' | 'no-route' | 'error'; error?: string };

/** Plain numbers for /metrics and `rustybt status`. */
export interface AlertingMetrics {
  sent: number;
  failed: number;
  dead: number;
  digests: number;
  enqueued: number;
  enqueueErrors: number;
  /** Deliveries waiting in the outbox (pending and held for a digest). */
  depth: number;
}

/**
 * The outbox and its sender as one thing the runner holds. `enqueue` is a synchronous insert and
 * never throws: whatever goes wrong with alerting must not reach the trading loop.
 */
export class Alerting {
  readonly sender: Sender;
  private readonly router: Router;
  private readonly redactor: Redactor;
  private readonly secrets: string[];
  private readonly clock: Clock;
  private enqueued = 0;
  private enqueueErrors = 0;
  private depth = 0;

  private constructor(
    readonly outbox: Outbox,
    readonly channels: readonly Channel[],
    o: AlertingOptions,
  ) {
    this.clock = o.clock ?? { now: Date.now };
    this.router = new Router(o.config);
    this.secrets = [...(o.secrets ?? [])];
    this.redactor = new Redactor(this.secrets);
    this.sender = new Sender({
      outbox,
      channels,
      router: this.router,
      rules: o.config.rules,
      clock: this.clock,
      ...(o.seed !== undefined ? { seed: o.seed } : {}),
      ...(o.onEvent ? { onEvent: o.onEvent } : {}),
    });
  }

  /** Builds the channels (a missing secret throws ChannelConfigError) and opens the outbox. */
  static open(o: AlertingOptions): Alerting {
    const channels = o.channels ?? o.config.channels.map((c) => createChannel(c, o.resolveSecret ?? envSecrets()));
    return new Alerting(Outbox.open(o.file), channels, o);
  }

  enqueue(input: AlertInput): EnqueueResult {
    try {
      const at = input.at ?? this.clock.now();
      const severity = this.router.severityOf(input.event, input.severity);
      const summary = this.redactor.text(input.summary);
      // Secret-named fields and known secrets go before anything is written: the outbox is a file too.
      const details = (input.details ? JSON.parse(JSON.stringify(redact(input.details, this.secrets))) : {}) as Record<string, unknown>;
      const alert: Alert = {
        id: input.id ?? alertIdOf({ session: input.session, event: input.event, at, summary }),
        event: input.event,
        severity,
        session: input.session,
        summary,
        details,
        at,
      };
      const targets = this.router.targets(alert);
      if (targets.length === 0) return { queued: false, id: alert.id, reason: 'no-route' };
      if (!this.outbox.insert(alert, targets, this.clock.now())) return { queued: false, id: alert.id, reason: 'duplicate' };
      this.enqueued++;
      this.sender.wake();
      return { queued: true, id: alert.id, channels: targets.length };
    } catch (err) {
      this.enqueueErrors++;
      return { queued: false, reason: 'error', error: this.redactor.error(err) };
    }
  }

  start(): void {
    this.sender.start();
  }

  metrics(): AlertingMetrics {
    try {
      const c = this.outbox.counts();
      this.depth = c.pending + c.held;
    } catch {
      // Closed, or the disk went away: the last depth read stands.
    }
    return { ...this.sender.counters, enqueued: this.enqueued, enqueueErrors: this.enqueueErrors, depth: this.depth };
  }

  /** Stops sending (trying up to flushMs to send what is due first) and closes the outbox. */
  async close(flushMs = 0): Promise<void> {
    await this.sender.stop(flushMs);
    this.outbox.close();
  }
}
