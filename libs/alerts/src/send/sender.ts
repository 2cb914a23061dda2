import { seededRandom } from '@rustybt/core';
import type { Channel } from '../channels/channel';
import { DeliveryError } from '../channels/channel';
import type { AlertRules } from '../config/schema';
import type { Outbox } from '../outbox/outbox';
import type { WindowRow } from '../outbox/rows';
import { retryDelayMs } from './backoff';
import { digestAlert } from './digest';
import type { Router } from './router';
import { TokenBucket } from './token-bucket';
import { alertOfRow, type Work } from './work';

const PRUNE_EVERY_MS = 3_600_000;
const KEEP_SENT_MS = 7 * 86_400_000;

export interface Clock {
  now(): number;
}

/** What the sender did, for the caller's log. `detail` is the SMTP reply / HTTP status, or the (redacted) error. */
export interface SendEvent {
  kind: 'sent' | 'retry' | 'dead';
  channel: string;
  id: string;
  /** Alerts this message stood for (more than 1 for a digest). */
  alerts: number;
  attempts: number;
  detail: string;
  latencyMs: number;
  retryInMs?: number;
}

export interface SenderCounters {
  /** Messages delivered (a digest is one). */
  sent: number;
  /** Failed attempts (each retry counts). */
  failed: number;
  /** Deliveries given up on (dead-lettered). */
  dead: number;
  /** Digest messages among `sent`. */
  digests: number;
}

export interface SenderOptions {
  outbox: Outbox;
  channels: readonly Channel[];
  router: Router;
  rules: AlertRules;
  clock?: Clock;
  /** Seed of the retry jitter. */
  seed?: number;
  onEvent?: (e: SendEvent) => void;
  /** Longest sleep of the loop when nothing is due (a safety net; enqueue wakes it). */
  pollMs?: number;
}

/**
 * Drains the outbox, one message in flight per channel and channels independent of each other (a
 * hung SMTP server delays only its own mail). Runs on timers that never keep the process alive.
 */
export class Sender {
  readonly counters: SenderCounters = { sent: 0, failed: 0, dead: 0, digests: 0 };
  private readonly clock: Clock;
  private readonly random: () => number;
  private readonly buckets = new Map<string, TokenBucket>();
  private readonly busy = new Map<string, Promise<void>>();
  private timer: NodeJS.Timeout | undefined;
  private immediate: NodeJS.Immediate | undefined;
  private running = false;
  private prunedAt = 0;
  private closed = false;

  constructor(private readonly o: SenderOptions) {
    this.clock = o.clock ?? { now: Date.now };
    this.random = seededRandom(o.seed ?? 1);
    const now = this.clock.now();
    for (const c of o.channels) this.buckets.set(c.name, new TokenBucket(o.rules.rateLimit.burst, o.rules.rateLimit.perMinute, now));
  }

  /** Starts the background loop. */
  start(): void {
    if (this.closed) return;
    this.running = true;
    this.wake();
  }

  /** Something was enqueued: look soon, on a later turn of the event loop, never now. */
  wake(): void {
    if (!this.running || this.immediate) return;
    this.immediate = setImmediate(() => {
      this.immediate = undefined;
      this.tick();
    });
    this.immediate.unref();
  }

  /** Sends everything due at the clock's now, waiting for each send: for tests, `--once` and shutdown. */
  async drain(): Promise<void> {
    await Promise.all([...this.busy.values()]);
    await Promise.all(this.o.channels.map((c) => this.pump(c)));
  }

  /**
   * Stops the loop after trying, for up to flushMs, to send what is due (a `session_stop` alert
   * raised as the process ends). A send still in flight then is abandoned: the delivery stays
   * pending in the outbox and the next start sends it again under the same id.
   */
  async stop(flushMs = 0): Promise<void> {
    this.running = false;
    clearTimeout(this.timer);
    if (this.immediate) clearImmediate(this.immediate);
    if (flushMs > 0) {
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<void>((resolve) => (timer = setTimeout(resolve, flushMs)));
      await Promise.race([this.drain(), deadline]).finally(() => clearTimeout(timer));
    }
    this.closed = true;
  }

  private tick(): void {
    if (!this.running) return;
    clearTimeout(this.timer);
    this.pruneNowAndThen();
    for (const c of this.o.channels) {
      if (!this.busy.has(c.name)) void this.pump(c).then(() => this.reschedule());
    }
  }

  /** Once an hour at most: deliveries sent more than a week ago leave the outbox. */
  private pruneNowAndThen(): void {
    const now = this.clock.now();
    if (now - this.prunedAt < PRUNE_EVERY_MS) return;
    this.prunedAt = now;
    try {
      this.o.outbox.prune(now - KEEP_SENT_MS);
    } catch {
      // A busy or failing disk: the next hour tries again; sending matters more than tidying.
    }
  }

  private reschedule(): void {
    if (!this.running) return;
    const now = this.clock.now();
    let next = now + (this.o.pollMs ?? 60_000);
    for (const c of this.o.channels) {
      // A channel in flight reschedules when its send settles.
      if (this.busy.has(c.name)) continue;
      const t = this.wakeAt(c.name, now);
      if (t !== undefined) next = Math.min(next, t);
    }
    clearTimeout(this.timer);
    // A floor: a wake time in the past must not become a busy loop.
    this.timer = setTimeout(() => this.tick(), Math.max(10, next - now));
    this.timer.unref();
  }

  /** When a channel next has something to do: a retry, a window's end, a token. */
  private wakeAt(channel: string, now: number): number | undefined {
    const times: number[] = [];
    const pending = this.o.outbox.nextPendingAt(channel);
    if (pending !== undefined) times.push(pending);
    for (const w of this.o.outbox.windows(channel)) times.push(w.ends_at > now ? w.ends_at : w.digest_next_at);
    if (times.length === 0) return undefined;
    return Math.max(Math.min(...times), this.buckets.get(channel)!.readyAt(now));
  }

  private pump(channel: Channel): Promise<void> {
    const existing = this.busy.get(channel.name);
    if (existing) return existing;
    const run = this.pumpLoop(channel).finally(() => this.busy.delete(channel.name));
    this.busy.set(channel.name, run);
    return run;
  }

  private async pumpLoop(channel: Channel): Promise<void> {
    const bucket = this.buckets.get(channel.name)!;
    while (!this.closed) {
      const now = this.clock.now();
      if (bucket.readyAt(now) > now) return;
      const work = this.nextWork(channel.name, now);
      if (!work) return;
      bucket.take(now);
      await this.deliver(channel, work);
    }
  }

  /** Picks the next message, holding alerts that arrive in a window beyond its `after` for the digest. */
  private nextWork(channel: string, now: number): Work | undefined {
    const ob = this.o.outbox;
    for (const w of ob.windows(channel)) {
      if (w.ends_at > now) continue;
      const members = ob.held(channel, w.grp);
      if (members.length === 0) ob.deleteWindow(channel, w.grp);
      else if (w.digest_next_at <= now) return { kind: 'digest', window: w, members };
    }
    for (;;) {
      const row = ob.nextDue(channel, now);
      if (!row) return undefined;
      if (row.attempts > 0 || row.via !== null) return { kind: 'single', row };
      const rule = this.o.router.digestOf(row.grp);
      let w = ob.window(channel, row.grp);
      const heldWaiting = w !== undefined && w.ends_at <= now && ob.held(channel, row.grp).length > 0;
      if (!w || (w.ends_at <= now && !heldWaiting)) {
        w = {
          channel,
          grp: row.grp,
          window_ms: rule.windowMs,
          started_at: now,
          ends_at: now + rule.windowMs,
          individually: 0,
          digest_attempts: 0,
          digest_next_at: 0,
        };
      }
      if (!heldWaiting && w.individually < rule.after) {
        const slot = { ...w, individually: w.individually + 1 };
        ob.transaction(() => {
          ob.putWindow(slot);
          ob.claim(row);
        });
        return { kind: 'single', row };
      }
      ob.transaction(() => {
        ob.putWindow(w);
        ob.update(row, { state: 'held', attempts: 0, nextAt: row.next_at });
      });
    }
  }

  private async deliver(channel: Channel, work: Work): Promise<void> {
    const alert = work.kind === 'single' ? alertOfRow(work.row) : digestAlert(work.members.map(alertOfRow), work.window.window_ms);
    const alerts = work.kind === 'single' ? 1 : work.members.length;
    const attempts = (work.kind === 'single' ? work.row.attempts : work.window.digest_attempts) + 1;
    const started = this.clock.now();
    let outcome: { ok: true; detail: string } | { ok: false; error: DeliveryError };
    try {
      outcome = { ok: true, detail: (await channel.send(alert)).detail };
    } catch (err) {
      outcome = { ok: false, error: err instanceof DeliveryError ? err : new DeliveryError('channel failed', true) };
    }
    if (this.closed) return;
    const now = this.clock.now();
    const base = { channel: channel.name, id: alert.id, alerts, attempts, latencyMs: now - started };
    if (outcome.ok) {
      this.counters.sent++;
      if (work.kind === 'digest') this.counters.digests++;
      this.recordSuccess(work, alert.id, now);
      this.o.onEvent?.({ kind: 'sent', ...base, detail: outcome.detail });
      return;
    }
    this.counters.failed++;
    const e = outcome.error;
    const final = !e.retryable || attempts >= this.o.rules.retry.maxAttempts;
    const delay = final ? 0 : retryDelayMs(this.o.rules.retry, attempts, this.random, e.retryAfterMs);
    if (final) this.counters.dead += alerts;
    this.recordFailure(work, attempts, final, now + delay, e.message, now);
    this.o.onEvent?.({ kind: final ? 'dead' : 'retry', ...base, detail: e.message, ...(final ? {} : { retryInMs: delay }) });
  }

  private recordSuccess(work: Work, via: string, now: number): void {
    const ob = this.o.outbox;
    if (work.kind === 'single') {
      ob.update(work.row, { state: 'sent', attempts: work.row.attempts + 1, nextAt: work.row.next_at, via, doneAt: now });
      return;
    }
    // The flood goes on in digest mode: the next window sends nothing one by one.
    const w = work.window;
    const next: WindowRow = { ...w, started_at: now, ends_at: now + w.window_ms, individually: Number.MAX_SAFE_INTEGER, digest_attempts: 0, digest_next_at: 0 };
    ob.transaction(() => {
      ob.finishHeld(w.channel, w.grp, 'digested', via, now);
      ob.putWindow(next);
    });
  }

  private recordFailure(work: Work, attempts: number, final: boolean, nextAt: number, error: string, now: number): void {
    const ob = this.o.outbox;
    if (work.kind === 'single') {
      ob.update(work.row, final ? { state: 'dead', attempts, nextAt: work.row.next_at, error, doneAt: now } : { state: 'pending', attempts, nextAt, error });
      return;
    }
    const w = work.window;
    ob.transaction(() => {
      if (final) {
        ob.finishHeld(w.channel, w.grp, 'dead', null, now, error);
        ob.deleteWindow(w.channel, w.grp);
      } else ob.putWindow({ ...w, digest_attempts: attempts, digest_next_at: nextAt });
    });
  }
}
