import type { HeartbeatState } from '@rustybt/uptime';

export interface HeartbeatSource {
  state(): HeartbeatState;
  /** Equity as a decimal string. */
  equity(): string;
}

/**
 * Writes a heartbeat at once and then every interval of wall-clock time. Heartbeats are the uptime
 * record: a process that is alive but whose event loop is stuck stops writing them, which is right.
 */
export class Heartbeat {
  private timer: NodeJS.Timeout | undefined;
  private seq = 0;
  private lastAt: number | undefined;

  constructor(
    private readonly intervalMs: number,
    private readonly source: HeartbeatSource,
    private readonly write: (beat: { seq: number; state: HeartbeatState; equity: string }) => void,
    private readonly now: () => number = Date.now,
  ) {}

  start(): void {
    this.beat();
    this.timer = setInterval(() => this.beat(), this.intervalMs);
  }

  /** One heartbeat now (also used for the last one, in state STOPPING). */
  beat(): void {
    this.write({ seq: this.seq++, state: this.source.state(), equity: this.source.equity() });
    this.lastAt = this.now();
  }

  ageMs(): number | undefined {
    return this.lastAt === undefined ? undefined : this.now() - this.lastAt;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}
