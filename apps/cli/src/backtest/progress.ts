import cliProgress from 'cli-progress';

/** Long runs only: the bar appears once a run has taken this long. */
const SHOW_AFTER_MS = 1000;
const REDRAW_MS = 100;

/**
 * A progress bar on stderr for long backtests, only when stderr is a terminal (never in pipes,
 * files or tests). Progress is the share of the time range covered when the range is known,
 * else a running count of bars.
 */
export class BacktestProgress {
  private bar: cliProgress.SingleBar | undefined;
  private readonly started = performance.now();
  private lastDraw = 0;

  constructor(
    private readonly range: { from: number; to: number } | undefined,
    private readonly enabled = process.stderr.isTTY === true,
  ) {}

  /** Cheap to call per batch: draws at most every 100 ms. */
  update(bars: number, time: number): void {
    if (!this.enabled) return;
    const now = performance.now();
    if (now - this.started < SHOW_AFTER_MS || now - this.lastDraw < REDRAW_MS) return;
    this.lastDraw = now;
    const rate = Math.round(bars / ((now - this.started) / 1000));
    const value = this.range ? Math.min(1000, Math.max(0, Math.round(((time - this.range.from) / (this.range.to - this.range.from)) * 1000))) : bars;
    if (!this.bar) {
      const format = this.range
        ? 'backtest [{bar}] {percentage}% | {bars} bars | {rate} bars/s | eta {eta_formatted}'
        : 'backtest {bars} bars | {rate} bars/s | at {at}';
      this.bar = new cliProgress.SingleBar(
        { format, stream: process.stderr, clearOnComplete: true, hideCursor: true, etaBuffer: 50 },
        cliProgress.Presets.shades_classic,
      );
      this.bar.start(this.range ? 1000 : Number.MAX_SAFE_INTEGER, value, { bars, rate, at: '' });
    }
    this.bar.update(value, { bars, rate, at: new Date(time).toISOString().slice(0, 16) });
  }

  stop(): void {
    this.bar?.stop();
    this.bar = undefined;
  }
}
