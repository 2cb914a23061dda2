import { closeSync, existsSync, openSync, readdirSync, readFileSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parseEventLine, rustybtAdapter } from '@rustybt/uptime';
import { CliError } from '../errors';

/** The last sign of life of a session in its heartbeat log. */
export interface Liveness {
  kind: 'heartbeat' | 'session_start' | 'session_stop';
  at: number;
  pid: number;
  /** session_stop only: completed, duration_elapsed, signal or error. */
  reason?: string;
}

/** Bytes read from the end of a plain log file before reading it all: a day's heartbeats are far more. */
const TAIL_BYTES = 256 * 1024;

function tailText(path: string, bytes: number): string {
  const size = statSync(path).size;
  const start = Math.max(0, size - bytes);
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(size - start);
    readSync(fd, buf, 0, buf.length, start);
    const text = buf.toString('utf8');
    // A cut first line is not an event.
    return start > 0 ? text.slice(text.indexOf('\n') + 1) : text;
  } finally {
    closeSync(fd);
  }
}

function lastIn(text: string, session: string): Liveness | undefined {
  const lines = text.split('\n');
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i]!.trim();
    // Cheap filter before the full parse: most lines of another session or kind are skipped here.
    if (line === '' || !line.includes(session)) continue;
    const parsed = parseEventLine(line);
    if (!parsed.ok || parsed.event.session !== session) continue;
    const e = parsed.event;
    if (e.event === 'heartbeat' || e.event === 'session_start') return { kind: e.event, at: Date.parse(e.timestamp), pid: e.pid };
    if (e.event === 'session_stop') return { kind: 'session_stop', at: Date.parse(e.timestamp), pid: e.pid, reason: e.reason };
  }
  return undefined;
}

/**
 * Reads the log contract (libs/uptime) backwards, newest file first, to the session's last
 * heartbeat, session_start or session_stop. A directory without logs, or logs without that
 * session, is an input error: a watcher pointed at the wrong place must not report "up".
 */
export function lastLiveness(logDir: string, session: string): Liveness {
  if (!existsSync(logDir)) throw new CliError(`log directory ${logDir} does not exist. Give the runner's --log-dir (or logDir of config.yaml)`);
  const { files } = rustybtAdapter.selectFiles(readdirSync(logDir));
  for (const f of [...files].reverse()) {
    const path = join(logDir, f.name);
    if (f.gzip) {
      const found = lastIn(gunzipSync(readFileSync(path)).toString('utf8'), session);
      if (found) return found;
      continue;
    }
    const found = lastIn(tailText(path, TAIL_BYTES), session) ?? lastIn(readFileSync(path, 'utf8'), session);
    if (found) return found;
  }
  throw new CliError(`no heartbeat of session '${session}' in ${logDir} (${rustybtAdapter.filePattern}). Check --session and --log-dir`);
}
