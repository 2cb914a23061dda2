import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parseEventLine, rustybtAdapter, type LogEvent } from '@rustybt/uptime';

export interface LoggedEvent {
  event: LogEvent;
  at: number;
  /** The file it was read from, for evidence. */
  file: string;
}

export interface LogRead {
  files: string[];
  events: LoggedEvent[];
  malformed: number;
}

/**
 * Every contract event of a log directory, in file order (the uptime analyzer's file selection:
 * daily files, size-rotated parts, .gz with a plain twin skipped). Garbled lines are counted, not fatal.
 */
export function readLogEvents(logDir: string, session?: string): LogRead {
  let names: string[];
  try {
    names = readdirSync(logDir);
  } catch {
    return { files: [], events: [], malformed: 0 };
  }
  const { files } = rustybtAdapter.selectFiles(names);
  const events: LoggedEvent[] = [];
  let malformed = 0;
  for (const f of files) {
    const raw = readFileSync(join(logDir, f.name));
    const text = (f.gzip ? gunzipSync(raw) : raw).toString('utf8');
    for (const line of text.split('\n')) {
      if (line.trim() === '') continue;
      const parsed = parseEventLine(line);
      if (!parsed.ok) {
        malformed++;
        continue;
      }
      if (session !== undefined && parsed.event.session !== session) continue;
      events.push({ event: parsed.event, at: Date.parse(parsed.event.timestamp), file: f.name });
    }
  }
  return { files: files.map((f) => f.name), events, malformed };
}
