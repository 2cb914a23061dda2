import type { LogAdapter, LogFile, Observation } from './observation';
import { byText, selectLogFiles } from './select-files';

// `2024-01-15 10:23:45,123 - freqtrade.worker - INFO - Bot heartbeat. PID=12345, version='2024.1', state='RUNNING'`
const LINE = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2}),(\d{3}) - \S+ - [A-Z]+ - (.*)$/;
const HEARTBEAT = /^Bot heartbeat\. PID=(\d+), version='[^']*', state='([A-Z_]+)'$/;
const FILE = /^(.+\.log)(?:\.(\d{1,6}))?(\.gz)?$/;

/**
 * freqtrade's states: RUNNING trades; STOPPED and PAUSED are alive but not trading (degraded, like HALTED);
 * RELOAD_CONFIG is a short internal step of a running bot.
 */
const STATES: Record<string, 'RUNNING' | 'HALTED'> = { RUNNING: 'RUNNING', RELOAD_CONFIG: 'RUNNING', STOPPED: 'HALTED', PAUSED: 'HALTED' };

/**
 * freqtrade logs through Python's RotatingFileHandler: `freqtrade.log` is the newest, `freqtrade.log.1`
 * older, `freqtrade.log.2` older still. Oldest first, so higher numbers come first.
 */
function selectFreqtradeFiles(names: readonly string[]): { files: LogFile[]; skipped: string[] } {
  return selectLogFiles(
    names,
    (name) => {
      const m = FILE.exec(name);
      return m ? { stem: m[1]!, age: m[2] === undefined ? 0 : Number(m[2]) } : null;
    },
    (a, b) => byText(a.stem, b.stem) || b.age - a.age,
  );
}

/** Only heartbeat lines matter; freqtrade's timestamps are read as UTC (run it with TZ=UTC). */
export function observeFreqtradeLine(line: string): Observation | null | undefined {
  const m = LINE.exec(line);
  if (!m) return line.includes('Bot heartbeat.') ? undefined : null;
  const hb = HEARTBEAT.exec(m[8]!);
  if (!hb) return m[8]!.startsWith('Bot heartbeat') ? undefined : null;
  const [y, mo, d, h, mi, s, ms] = m.slice(1, 8).map(Number) as [number, number, number, number, number, number, number];
  const at = Date.UTC(y, mo - 1, d, h, mi, s, ms);
  const back = new Date(at);
  if (back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) return undefined;
  const state = STATES[hb[2]!];
  const pid = Number(hb[1]);
  if (!state || !Number.isSafeInteger(pid) || pid < 1) return undefined;
  return { kind: 'heartbeat', at, session: '', pid, state };
}

export const freqtradeAdapter: LogAdapter = {
  name: 'freqtrade',
  filePattern: '*.log, *.log.N (freqtrade --logfile, rotated), optionally .gz',
  defaultIntervalMs: 60_000, // freqtrade's internals.heartbeat_interval default
  jsonHeartbeats: false,
  selectFiles: selectFreqtradeFiles,
  parseLine: observeFreqtradeLine,
};
