import { parseEventLine } from '../events/format';
import type { LogAdapter, LogFile, Observation } from './observation';
import { byText, selectLogFiles } from './select-files';

const FILE = /^paper-trade-(\d{4}-\d{2}-\d{2})(?:\.(\d{1,6}))?\.log(\.gz)?$/;

/**
 * Files `paper-trade-YYYY-MM-DD.log`, size-rotated parts `paper-trade-YYYY-MM-DD.N.log` (after the
 * unnumbered file of that day, ascending N), any of them `.gz`. When both `x.log` and `x.log.gz` exist the
 * plain file wins (a compressor that has not yet removed its input must not double the events).
 */
export function selectRustybtFiles(names: readonly string[]): { files: LogFile[]; skipped: string[] } {
  return selectLogFiles(
    names,
    (name) => {
      const m = FILE.exec(name);
      return m ? { day: m[1]!, part: m[2] === undefined ? 0 : Number(m[2]) + 1 } : null;
    },
    (a, b) => byText(a.day, b.day) || a.part - b.part,
  );
}

const STATE_OF = { RUNNING: 'RUNNING', HALTED: 'HALTED', STOPPING: 'STOPPING' } as const;

/** The full parse of a contract line (the fast heartbeat reader handles the common case before this). */
export function observeRustybtLine(line: string): Observation | null | undefined {
  const parsed = parseEventLine(line);
  if (!parsed.ok) return undefined;
  const e = parsed.event;
  const at = Date.parse(e.timestamp);
  const session = e.session;
  switch (e.event) {
    case 'heartbeat':
      return { kind: 'heartbeat', at, session, pid: e.pid, state: STATE_OF[e.state] };
    case 'session_start':
      return { kind: 'start', at, session, pid: e.pid, intervalMs: e.heartbeat_interval_ms };
    case 'session_stop':
      return { kind: 'stop', at, session, pid: e.pid };
    case 'order_submitted':
    case 'order_filled':
    case 'order_rejected':
    case 'order_cancelled':
      return { kind: 'operation', at, session };
    case 'error':
      return { kind: 'error', at, session, errorType: e.error_type };
    default:
      return { kind: 'other', at, session };
  }
}

export const rustybtAdapter: LogAdapter = {
  name: 'rustybt',
  filePattern: 'paper-trade-YYYY-MM-DD.log (or .log.gz)',
  defaultIntervalMs: 10_000,
  jsonHeartbeats: true,
  selectFiles: selectRustybtFiles,
  parseLine: observeRustybtLine,
};
