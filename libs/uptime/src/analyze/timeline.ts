import { DEGRADED, DOWN, OPEN, PLANNED, SegmentList, UP, type Label } from './segments';

/** Heartbeat states as small integers (see heartbeatStates in the schema). */
export const RUNNING = 0;
export const HALTED = 1;
export const STOPPING = 2;

const HEARTBEAT = 0;
const START = 1;
const STOP = 2;

export interface TimelineOptions {
  /** Overrides the interval announced by session_start. */
  intervalMs?: number;
  /** Overrides the default grace of one interval. */
  graceMs?: number;
  /** Interval assumed until a session_start announces one (and when none ever does). */
  defaultIntervalMs: number;
  /** Only operations and errors inside [countFrom, countTo] are counted. */
  countFrom?: number;
  countTo?: number;
}

/**
 * The uptime state machine of DESIGN.md, fed one event at a time in stream order. It keeps only the last
 * liveness point (heartbeat, session_start, session_stop) and a list of labelled segments, so memory does not
 * grow with the number of heartbeats. Times are epoch ms; a time earlier than the latest seen is a clock step
 * backwards: counted, and taken as the latest time so the overlap adds no downtime.
 */
export class Timeline {
  readonly segments = new SegmentList();
  restarts = 0;
  operations = 0;
  errors = 0;
  readonly errorsByType = new Map<string, number>();
  backwardSteps = 0;
  largestStepMs = 0;
  firstEventAt = Number.NaN;
  latestAt = Number.NaN;
  firstLivenessAt = Number.NaN;

  /** Two sessions whose heartbeats interleave (two runners writing one directory at once), if any. */
  overlap: [string, string] | null = null;
  readonly sessionNames: string[] = [];
  private readonly sessionIds = new Map<string, number>();
  private readonly sessionSeen: boolean[] = [];
  private lastSession = -1;
  private lastStamped = Number.NaN;
  private lastKind = -1;
  private lastAt = 0;
  private lastPid = 0;
  private lastState = RUNNING;
  private announcedIntervalMs: number;
  private readonly countFrom: number;
  private readonly countTo: number;

  constructor(private readonly options: TimelineOptions) {
    this.announcedIntervalMs = options.defaultIntervalMs;
    this.countFrom = options.countFrom ?? -Infinity;
    this.countTo = options.countTo ?? Infinity;
  }

  get intervalMs(): number {
    return this.options.intervalMs ?? this.announcedIntervalMs;
  }

  get graceMs(): number {
    return this.options.graceMs ?? this.intervalMs;
  }

  /** Small integer id of a session name (ids index per-session state on the hot path). */
  sessionId(name: string): number {
    let id = this.sessionIds.get(name);
    if (id === undefined) {
      id = this.sessionNames.length;
      this.sessionIds.set(name, id);
      this.sessionNames.push(name);
      this.sessionSeen.push(false);
    }
    return id;
  }

  heartbeat(at: number, pid: number, state: number, session: number): void {
    this.live(this.clock(at), HEARTBEAT, pid, state, session);
  }

  sessionStart(at: number, pid: number, intervalMs: number, session: number): void {
    this.live(this.clock(at), START, pid, RUNNING, session);
    this.announcedIntervalMs = intervalMs;
  }

  sessionStop(at: number, pid: number, session: number): void {
    this.live(this.clock(at), STOP, pid, RUNNING, session);
  }

  /** Any other event: it only moves the clock (and the default window). */
  note(at: number): void {
    this.clock(at);
  }

  operation(at: number): void {
    const t = this.clock(at);
    if (t >= this.countFrom && t <= this.countTo) this.operations++;
  }

  error(at: number, type: string): void {
    const t = this.clock(at);
    if (t < this.countFrom || t > this.countTo) return;
    this.errors++;
    this.errorsByType.set(type, (this.errorsByType.get(type) ?? 0) + 1);
  }

  /** Closes the timeline at `end`: the trailing edge after the last liveness point. */
  finish(end: number): void {
    if (this.lastKind < 0 || end <= this.lastAt) return;
    if (this.lastKind === STOP) {
      this.segments.add(this.lastAt, end, PLANNED);
      return;
    }
    const label = this.aliveLabel();
    if (end - this.lastAt > this.intervalMs + this.graceMs) {
      this.segments.add(this.lastAt, this.lastAt + this.intervalMs, label);
      this.segments.add(this.lastAt + this.intervalMs, end, OPEN);
    } else {
      this.segments.add(this.lastAt, end, label);
    }
  }

  private clock(at: number): number {
    const previous = this.lastStamped;
    this.lastStamped = at;
    if (this.latestAt !== this.latestAt) {
      this.firstEventAt = at;
      this.latestAt = at;
      return at;
    }
    // One step is one jump back from the previous stamp; the lines that follow it are still behind
    // the latest time until the clock catches up, but they are the same step.
    if (at < previous) {
      this.backwardSteps++;
      if (previous - at > this.largestStepMs) this.largestStepMs = previous - at;
    }
    if (at < this.latestAt) return this.latestAt;
    this.latestAt = at;
    return at;
  }

  private aliveLabel(): Label {
    return this.lastKind === HEARTBEAT && this.lastState === HALTED ? DEGRADED : UP;
  }

  private live(at: number, kind: number, pid: number, state: number, session: number): void {
    if (session !== this.lastSession) {
      // A session that comes back without a session_start while another one was logging: two runners at once.
      if (kind !== START && this.sessionSeen[session] && this.overlap === null)
        this.overlap = [this.sessionNames[this.lastSession]!, this.sessionNames[session]!];
      this.sessionSeen[session] = true;
      this.lastSession = session;
    }
    if (this.lastKind < 0) {
      this.firstLivenessAt = at;
    } else if (this.lastKind === STOP) {
      this.segments.add(this.lastAt, at, PLANNED);
    } else {
      const interval = this.intervalMs;
      const label = this.aliveLabel();
      if (at - this.lastAt > interval + this.graceMs) {
        // Backdated: the runner was due at lastAt + interval; from then until this point it was down.
        this.segments.add(this.lastAt, this.lastAt + interval, label);
        this.segments.add(this.lastAt + interval, at, DOWN);
      } else {
        this.segments.add(this.lastAt, at, label);
      }
      if (pid !== this.lastPid) this.restarts++;
    }
    this.lastKind = kind;
    this.lastAt = at;
    this.lastPid = pid;
    this.lastState = state;
  }
}
