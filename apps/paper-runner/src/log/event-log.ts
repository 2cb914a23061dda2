import { chmodSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { makeRedactor, redact } from '@rustybt/core';
import { formatEvent, type LogEvent, type LogLevel } from '@rustybt/uptime';
import winston from 'winston';
import DailyRotateFile from 'winston-daily-rotate-file';

type Common = 'timestamp' | 'session' | 'pid' | 'version';
/** An event as the runner states it; the log adds the fields every line carries. */
export type EventBody = LogEvent extends infer E ? (E extends LogEvent ? Omit<E, Common> : never) : never;

/** Written whatever --log-level says: uptime is computed from them, so filtering them would fake an outage. */
const ALWAYS: ReadonlySet<string> = new Set(['session_start', 'heartbeat', 'session_stop']);
const RANK: Record<LogLevel, number> = { error: 0, warn: 1, info: 2, debug: 3 };

export interface EventLogOptions {
  dir: string;
  session: string;
  version: string;
  pid?: number;
  /** Threshold for order, risk and error events. */
  level?: LogLevel;
  /** Days of rotated files to keep (default 90, the audit trail validate asks for; older ones are deleted; rotated files are gzipped). */
  retentionDays?: number;
  /** Values never to write (API keys, secrets), wherever they appear. */
  secrets?: readonly string[];
  /** Clock for timestamps (tests); default Date.now. */
  now?: () => number;
}

/**
 * The runner's heartbeat log: JSON lines per the log-event contract (DESIGN.md), validated by the
 * contract's own schema before they are written, in `<dir>/paper-trade-YYYY-MM-DD.log` rotated at
 * UTC midnight. A killed process loses at most what the OS had not been handed yet: that is the
 * "crash writes nothing" the uptime analyzer expects.
 */
export class EventLog {
  private readonly logger: winston.Logger;
  private readonly transport: DailyRotateFile;
  private readonly pid: number;
  private readonly threshold: number;
  private readonly now: () => number;
  private readonly redactLine: (line: string) => string;
  private closed?: Promise<void>;

  constructor(private readonly options: EventLogOptions) {
    // Owner-only: the folder 0700 (also when an older version made it 0755), every file 0600.
    mkdirSync(options.dir, { recursive: true, mode: 0o700 });
    ownerOnly(options.dir, 0o700);
    this.pid = options.pid ?? process.pid;
    this.threshold = RANK[options.level ?? 'info'];
    this.now = options.now ?? Date.now;
    this.redactLine = makeRedactor(options.secrets ?? []);
    const auditFile = join(options.dir, '.paper-trade-audit.json');
    this.transport = new DailyRotateFile({
      dirname: options.dir,
      filename: 'paper-trade-%DATE%.log',
      datePattern: 'YYYY-MM-DD',
      utc: true,
      zippedArchive: true,
      maxFiles: `${options.retentionDays ?? 90}d`,
      auditFile,
      // The mode applies when a log file is created; ownerOnly below fixes files an older version made.
      options: { flags: 'a', mode: 0o600 },
      // The line is already the whole event; winston adds nothing.
      format: winston.format.printf((info) => String(info.message)),
    });
    // The rotator writes its audit file and the .gz archives with the default mode.
    this.transport.on('new', (file: string) => {
      ownerOnly(file, 0o600);
      ownerOnly(auditFile, 0o600);
    });
    this.transport.on('archive', (file: string) => ownerOnly(file, 0o600));
    this.logger = winston.createLogger({ level: 'debug', levels: winston.config.npm.levels, transports: [this.transport], exitOnError: false });
  }

  /** Writes one event, stamped with time, session, pid and version. Returns the line written, if any. */
  write(body: EventBody): string | undefined {
    if (this.closed) return undefined;
    if (!ALWAYS.has(body.event) && RANK[body.level] > this.threshold) return undefined;
    const event = {
      timestamp: new Date(this.now()).toISOString(),
      level: body.level,
      event: body.event,
      session: this.options.session,
      pid: this.pid,
      version: this.options.version,
      ...(redact(body, this.options.secrets ?? []) as object),
    } as LogEvent;
    // The serialized line is redacted too: a secret split across fields or escaped in JSON reads whole here.
    const line = this.redactLine(formatEvent(event));
    this.logger.log(body.level, line);
    return line;
  }

  /** Flushes every line to the file and closes it. */
  close(): Promise<void> {
    // winston reports 'finish' when the lines are handed to the transport, not when they are in the
    // file; ending the rotating file stream itself waits until the OS has every byte.
    this.closed ??= new Promise<void>((resolve) => {
      this.logger.on('finish', () => {
        const stream = (this.transport as unknown as { logStream?: { end(cb: () => void): void } }).logStream;
        if (stream) stream.end(() => resolve());
        else resolve();
      });
      this.logger.end();
    });
    return this.closed;
  }
}

/** chmod that tolerates a file already rotated away, or a folder the user gave us and does not own. */
function ownerOnly(path: string, mode: number): void {
  try {
    chmodSync(path, mode);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT' && code !== 'EPERM') throw e;
  }
}
