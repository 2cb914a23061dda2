/**
 * The latest status report, read from the state file at most once per `minIntervalMs` (a refresh
 * asked for sooner runs when the interval is over), so GET /status answers from memory and a flood of
 * requests never turns into SQLite reads on the trading thread.
 */
export class StatusSnapshot<T> {
  private value: T | undefined;
  private at = Number.NEGATIVE_INFINITY;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly read: () => T,
    private readonly minIntervalMs = 500,
    private readonly now: () => number = Date.now,
  ) {}

  /** Re-read now when `force` or the interval has passed; otherwise once it has. */
  refresh(force = false): void {
    const wait = this.at + this.minIntervalMs - this.now();
    if (force || wait <= 0) {
      clearTimeout(this.timer);
      this.timer = undefined;
      this.value = this.read();
      this.at = this.now();
      return;
    }
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      this.refresh(true);
    }, wait).unref();
  }

  latest(): T {
    if (this.value === undefined) this.refresh(true);
    return this.value!;
  }

  close(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}
