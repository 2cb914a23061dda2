import type { RunnerProgress } from '@rustybt/paper-runner';
import { money } from '../format/money';

export type Progress = Omit<RunnerProgress, 'session'>;

/** `00:01:05  bars 65  orders 4  fills 4  equity 10012.34  heartbeat 2s ago  RUNNING` */
export function formatStatusLine(p: Progress): string {
  const beat = p.heartbeatAgeMs === undefined ? 'no heartbeat yet' : `heartbeat ${Math.floor(p.heartbeatAgeMs / 1000)}s ago`;
  return `${clock(p.elapsedMs)}  bars ${p.bars}  orders ${p.orders}  fills ${p.fills}  equity ${money(p.equity)}  ${beat}  ${p.state}`;
}

export function clock(ms: number): string {
  const s = Math.floor(ms / 1000);
  const hh = Math.floor(s / 3600);
  const mm = Math.floor((s % 3600) / 60);
  const ss = s % 60;
  return `${String(hh).padStart(2, '0')}:${String(mm).padStart(2, '0')}:${String(ss).padStart(2, '0')}`;
}

/**
 * A status line redrawn in place on a terminal. Only on a TTY: piped output (tests, supervisors)
 * stays clean, and the heartbeat log is the record anyway.
 */
export class LiveStatusLine {
  private timer: NodeJS.Timeout | undefined;
  private drawn = false;

  constructor(
    private readonly stream: NodeJS.WriteStream,
    private readonly read: () => Progress,
    private readonly everyMs = 250,
  ) {}

  get enabled(): boolean {
    return this.stream.isTTY === true;
  }

  start(): void {
    if (!this.enabled) return;
    this.draw();
    this.timer = setInterval(() => this.draw(), this.everyMs);
    this.timer.unref();
  }

  /** Prints a line above the status line without garbling it. */
  print(line: string): void {
    if (this.drawn) this.stream.write('\r\x1b[2K');
    this.stream.write(`${line}\n`);
    if (this.drawn) this.draw();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    if (this.drawn) this.stream.write('\r\x1b[2K');
    this.drawn = false;
  }

  private draw(): void {
    const width = this.stream.columns || 120;
    this.stream.write(`\r\x1b[2K${formatStatusLine(this.read()).slice(0, Math.max(20, width - 1))}`);
    this.drawn = true;
  }
}
