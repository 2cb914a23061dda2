import type { ProgressEvent } from '@rustybt/validate';

/**
 * The live display on a TTY: one line per validator as it starts, its latest progress while it
 * runs (redrawn in place), and its status when it finishes. Off a TTY, a line per finished validator.
 */
export class ValidateProgress {
  private readonly running = new Map<string, string>();
  private drawn = 0;

  constructor(
    private readonly out: NodeJS.WriteStream,
    private readonly tty: boolean,
  ) {}

  onEvent = (e: ProgressEvent): void => {
    if (e.type === 'planned') return this.line(`validating: ${e.validators.map((v) => v.id).join(', ')}`);
    if (e.type === 'started') this.running.set(e.id, 'started');
    else if (e.type === 'progress') this.running.set(e.id, `${e.message}${e.fraction !== undefined ? ` (${Math.round(e.fraction * 100)}%)` : ''}`);
    else {
      this.running.delete(e.id);
      this.line(`${e.status.padEnd(4)}  ${e.id} (${(e.durationMs / 1000).toFixed(1)} s)`);
      return;
    }
    this.redraw();
  };

  /** Clears the in-place lines before the summary. */
  stop(): void {
    this.running.clear();
    this.redraw();
  }

  private line(text: string): void {
    this.clear();
    this.out.write(`${text}\n`);
    this.redraw();
  }

  private clear(): void {
    if (!this.tty || this.drawn === 0) return;
    this.out.write(`\u001b[${this.drawn}A\u001b[J`);
    this.drawn = 0;
  }

  private redraw(): void {
    if (!this.tty) return;
    this.clear();
    const cols = this.out.columns || 100;
    const lines = [...this.running].map(([id, msg]) => `  ...   ${id}: ${msg}`.slice(0, cols - 1));
    if (lines.length) this.out.write(`${lines.join('\n')}\n`);
    this.drawn = lines.length;
  }
}
