import { closeSync, openSync, writeSync } from 'node:fs';
import { formatEvent, timestampOf } from '../events/format';

export interface SteadyOptions {
  /** First heartbeat, epoch ms. */
  start: number;
  count: number;
  intervalMs: number;
  pid?: number;
  session?: string;
}

/**
 * Writes one session of `count` RUNNING heartbeats (a session_start first) to `path`, the way the runner
 * writes them, quickly enough to make hundreds of MB for a benchmark. Returns the bytes and lines written.
 */
export function writeSteadyHeartbeats(path: string, o: SteadyOptions): { bytes: number; lines: number } {
  const pid = o.pid ?? 4242;
  const session = o.session ?? 'bench-run';
  const common = { level: 'info' as const, session, pid, version: '0.1.0' };
  const fd = openSync(path, 'w');
  let bytes = 0;
  let pending: string[] = [];
  const flush = () => {
    const chunk = pending.join('');
    bytes += writeSync(fd, chunk);
    pending = [];
  };
  try {
    pending.push(
      `${formatEvent({ ...common, timestamp: timestampOf(o.start), event: 'session_start', heartbeat_interval_ms: o.intervalMs, strategy: 'sma-crossover', broker: 'paper', mode: 'paper', resumed: false })}\n`,
    );
    // The template is checked once through formatEvent; every line then varies only in time, seq and equity.
    const sample = formatEvent({ ...common, timestamp: timestampOf(o.start), event: 'heartbeat', seq: 1, state: 'RUNNING', equity: '100000.00' });
    const head = sample.slice(0, sample.indexOf('"timestamp":"') + 13);
    const mid = sample.slice(sample.indexOf('","level"'), sample.indexOf('"seq":') + 6);
    const stamp = fastStamper();
    for (let k = 1; k <= o.count; k++) {
      const cents = 10_000_000 + ((k * 7919) % 200_001) - 100_000;
      const equity = `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
      pending.push(`${head}${stamp(o.start + k * o.intervalMs)}${mid}${k},"state":"RUNNING","equity":"${equity}"}\n`);
      if (pending.length === 8192) flush();
    }
    flush();
  } finally {
    closeSync(fd);
  }
  return { bytes, lines: o.count + 1 };
}

/** toISOString for increasing times without a Date per call: the date part is reused within a day. */
function fastStamper(): (at: number) => string {
  let dayStart = Number.NaN;
  let prefix = '';
  const two = (n: number) => (n < 10 ? `0${n}` : `${n}`);
  return (at) => {
    const inDay = at - dayStart;
    if (!(inDay >= 0 && inDay < 86_400_000)) {
      dayStart = Math.floor(at / 86_400_000) * 86_400_000;
      prefix = timestampOf(dayStart).slice(0, 11);
      return timestampOf(at);
    }
    const ms = inDay % 1000;
    const s = Math.floor(inDay / 1000);
    return `${prefix}${two(Math.floor(s / 3600))}:${two(Math.floor(s / 60) % 60)}:${two(s % 60)}.${ms < 10 ? '00' : ms < 100 ? '0' : ''}${ms}Z`;
  };
}
