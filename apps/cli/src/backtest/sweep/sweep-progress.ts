import cliProgress from 'cli-progress';

/** Combinations done, on stderr, only when it is a terminal. */
export class SweepProgress {
  private readonly bar: cliProgress.SingleBar | undefined;
  private done = 0;

  constructor(total: number, jobs: number, enabled = process.stderr.isTTY === true) {
    if (!enabled) return;
    this.bar = new cliProgress.SingleBar(
      {
        format: `sweep [{bar}] {value}/{total} runs | ${jobs} thread${jobs === 1 ? '' : 's'} | eta {eta_formatted}`,
        stream: process.stderr,
        clearOnComplete: true,
        hideCursor: true,
      },
      cliProgress.Presets.shades_classic,
    );
    this.bar.start(total, 0);
  }

  tick(): void {
    this.bar?.update(++this.done);
  }

  stop(): void {
    this.bar?.stop();
  }
}
