import type { RunnerOptions } from '../options/runner-options';

export interface StartOptions extends RunnerOptions {
  /** Informational lines for a human (endpoint, resume point); the log is the record. */
  notice?: (line: string) => void;
  /** Bars of a replayed sim window (default 1000); fixed when the session is created. */
  replaySimBars?: number;
}
