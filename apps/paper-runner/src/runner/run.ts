import { onStopSignals } from '../signals';
import { PaperRunner, type RunSummary, type StartOptions } from './paper-runner';

export interface RunOutcome {
  summary: RunSummary;
  /** 0 for a stop by signal, duration or end of feed; 1 when the run ended in an error. */
  exitCode: number;
}

/**
 * Runs a session in the foreground until the feed ends, --duration elapses or a signal arrives
 * (a second signal exits at once). Shared by `rustybt paper-trade` and the runner's own bin.
 */
export async function runPaperRunner(options: StartOptions, onStarted?: (runner: PaperRunner) => void): Promise<RunOutcome> {
  let runner: PaperRunner | undefined;
  let early: NodeJS.Signals | undefined;
  const off = onStopSignals((signal) => {
    if (runner) void runner.stop('signal');
    else early = signal;
  });
  try {
    runner = await PaperRunner.start(options);
    onStarted?.(runner);
    if (early) void runner.stop('signal');
    const summary = await runner.finished;
    return { summary, exitCode: summary.reason === 'error' ? 1 : 0 };
  } finally {
    off();
  }
}
