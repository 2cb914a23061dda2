import type { HeartbeatState } from '../events/schema';

/** What the analyzer needs from one log line, whatever program wrote it. Times are epoch ms; `session` is '' when the program has none. */
export type Observation = { at: number; session: string } & (
  | { kind: 'heartbeat'; pid: number; state: HeartbeatState }
  | { kind: 'start'; pid: number; intervalMs: number }
  | { kind: 'stop'; pid: number }
  | { kind: 'operation' }
  | { kind: 'error'; errorType: string }
  | { kind: 'other' }
);

/** A log file of the analyzed directory with its place in time order. */
export interface LogFile {
  name: string;
  gzip: boolean;
}

/**
 * Reads another program's logs. `parseLine` answers an Observation, `null` for a line that is fine but
 * says nothing about uptime, or `undefined` for a garbled line (counted as malformed).
 */
export interface LogAdapter {
  readonly name: string;
  /** The file names this adapter reads, for messages such as "no logs found". */
  readonly filePattern: string;
  /** Interval assumed until the log announces one. */
  readonly defaultIntervalMs: number;
  /** Lines are the rustybt JSON contract, so the byte-level heartbeat reader applies. */
  readonly jsonHeartbeats: boolean;
  /** Picks this adapter's log files among a directory's names, in time order; the rest are skipped. */
  selectFiles(names: readonly string[]): { files: LogFile[]; skipped: string[] };
  parseLine(line: string): Observation | null | undefined;
}
