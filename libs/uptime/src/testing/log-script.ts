import { formatEvent, timestampOf } from '../events/format';
import type { HeartbeatState, LogEvent } from '../events/schema';

/** What a correct analysis of the generated logs must report, known from how they were made. */
export interface GroundTruth {
  downMs: number;
  plannedMs: number;
  degradedMs: number;
  restarts: number;
  operations: number;
  errors: number;
  malformed: number;
  backwardSteps: number;
  /** Unplanned outages, each [start, end] in epoch ms, in time order. */
  outages: [number, number][];
  firstAt: number;
  lastAt: number;
}

export interface ScriptLine {
  /** Where the line belongs in time order (for splitting into daily files); not necessarily its timestamp. */
  day: string;
  text: string;
}

/**
 * A seeded-free, fully scripted log writer: each step says what the runner did, writes the lines the runner
 * would have written, and adds to the ground truth by the conventions of DESIGN.md. Times are epoch ms.
 */
export class LogScript {
  readonly lines: ScriptLine[] = [];
  readonly truth: GroundTruth;
  private t: number;
  private highWater: number;
  private pid = 0;
  private seq = 0;
  private lastLiveAt = Number.NaN;
  private stopped = false;
  private halted = false;
  private readonly graceMs: number;

  constructor(
    start: number,
    private readonly intervalMs = 1000,
    private readonly session = 'run-1',
    graceMs?: number,
  ) {
    this.t = start;
    this.highWater = start;
    this.graceMs = graceMs ?? intervalMs;
    this.truth = {
      downMs: 0,
      plannedMs: 0,
      degradedMs: 0,
      restarts: 0,
      operations: 0,
      errors: 0,
      malformed: 0,
      backwardSteps: 0,
      outages: [],
      firstAt: start,
      lastAt: start,
    };
  }

  get now(): number {
    return this.t;
  }

  /** A process starts (or restarts) and announces itself. */
  start(pid: number, resumed = false): this {
    if (!this.stopped && !Number.isNaN(this.lastLiveAt) && pid !== this.pid) this.truth.restarts++;
    this.live();
    this.pid = pid;
    this.stopped = false;
    return this.emit({ event: 'session_start', heartbeat_interval_ms: this.intervalMs, strategy: 'sma-crossover', broker: 'paper', mode: 'paper', resumed });
  }

  /** `n` heartbeats, one interval apart. HALTED ones make the following interval degraded. */
  beats(n: number, state: HeartbeatState = 'RUNNING'): this {
    for (let k = 0; k < n; k++) {
      this.t += this.intervalMs;
      this.live();
      this.emit({ event: 'heartbeat', seq: ++this.seq, state, equity: '100000.00' });
      this.halted = state === 'HALTED';
    }
    return this;
  }

  /** The process dies silently; the next process starts `gapMs` after the last heartbeat. */
  crash(gapMs: number): this {
    const last = this.t;
    this.t += gapMs;
    if (gapMs > this.intervalMs + this.graceMs) {
      this.truth.downMs += gapMs - this.intervalMs;
      this.truth.outages.push([last + this.intervalMs, this.t]);
    }
    return this;
  }

  /** A clean stop `afterMs` after the last heartbeat, then `pauseMs` of planned downtime before the next start. */
  stop(afterMs: number, pauseMs: number, reason: 'completed' | 'duration_elapsed' | 'signal' | 'error' = 'signal'): this {
    this.t += afterMs;
    this.live();
    this.emit({ event: 'session_stop', reason });
    this.stopped = true;
    this.t += pauseMs;
    this.truth.plannedMs += pauseMs;
    return this;
  }

  /** The wall clock steps back by `ms` (e.g. an NTP correction). */
  clockBack(ms: number): this {
    this.t -= ms;
    this.truth.backwardSteps++;
    return this;
  }

  order(): this {
    this.truth.operations++;
    return this.emit({
      event: 'order_filled',
      order_id: `o${this.seq}`,
      client_order_id: `c${this.seq}`,
      symbol: 'BTC/USDT',
      side: 'buy',
      qty: '0.01',
      price: '50000.5',
      reason: null,
    });
  }

  error(errorType: string): this {
    this.truth.errors++;
    return this.emit({ event: 'error', error_type: errorType, message: 'synthetic' });
  }

  /** A line that is not an event (counted as malformed). */
  garbage(text: string): this {
    this.truth.malformed++;
    this.lines.push({ day: this.day(), text });
    return this;
  }

  /** A heartbeat cut off mid-line, as a crash leaves the last line of a file. */
  truncatedBeat(): this {
    this.truth.malformed++;
    const full = formatEvent({ ...this.common(this.t + this.intervalMs), event: 'heartbeat', seq: this.seq + 1, state: 'RUNNING', equity: '100000.00' });
    this.lines.push({ day: this.day(), text: full.slice(0, Math.floor(full.length / 2)) });
    return this;
  }

  /** A liveness point: a HALTED heartbeat before it makes the time since degraded (one interval at most if a crash followed). */
  private live(): void {
    if (this.halted) {
      const gap = this.t - this.lastLiveAt;
      this.truth.degradedMs += gap > this.intervalMs + this.graceMs ? this.intervalMs : gap;
      this.halted = false;
    }
    this.lastLiveAt = this.t;
  }

  private day(): string {
    return new Date(this.highWater).toISOString().slice(0, 10);
  }

  private common(at: number) {
    return { timestamp: timestampOf(at), level: 'info' as const, session: this.session, pid: this.pid, version: '0.1.0' };
  }

  private emit(extra: Record<string, unknown>): this {
    if (this.t > this.highWater) this.highWater = this.t;
    this.truth.lastAt = this.highWater;
    this.lines.push({ day: this.day(), text: formatEvent({ ...this.common(this.t), ...extra } as LogEvent) });
    return this;
  }
}
