import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { LogAdapter } from '../adapters/observation';
import { rustybtAdapter } from '../adapters/rustybt';
import { LineDecoder } from '../read/line-decoder';
import { readLogFile } from '../read/read-chunks';
import type { UptimeAnalysis } from './report-types';
import { summarize } from './summarize';
import { Timeline } from './timeline';

export interface AnalyzeOptions {
  logDir: string;
  /** Window start/end in epoch ms; default: the first and last event found. */
  start?: number;
  end?: number;
  /** Heartbeat interval; default: as announced by session_start, else the adapter's default. */
  heartbeatMs?: number;
  /** Grace after a missed heartbeat; default: one interval. */
  graceMs?: number;
  /** Outages closer than this merge into one incident. Default 60 s. */
  mergeGapMs?: number;
  /** SLO target in percent, at most 4 decimals. Default 99.9. */
  sloTargetPct?: number;
  excludePlanned?: boolean;
  /** Analyze only this session's events (needed when two runners logged into one directory at once). */
  session?: string;
  adapter?: LogAdapter;
}

/** Bad input for the analyzer (exit code 2 in the CLI): missing directory, no logs, empty window. */
export class UptimeInputError extends Error {
  readonly exitCode = 2;
  constructor(message: string) {
    super(message);
    this.name = 'UptimeInputError';
  }
}

/** Reads every log file of the directory once, in time order, and reports uptime for the window. */
export async function analyzeLogDir(options: AnalyzeOptions): Promise<UptimeAnalysis> {
  const adapter = options.adapter ?? rustybtAdapter;
  const { logDir } = options;
  let names: string[];
  try {
    if (!statSync(logDir).isDirectory()) throw new Error('not a directory');
    names = readdirSync(logDir);
  } catch {
    throw new UptimeInputError(
      `log directory ${logDir} does not exist or is not a readable directory. Pass --log-dir with the directory holding ${adapter.filePattern} files`,
    );
  }
  const { files, skipped } = adapter.selectFiles(names);
  if (files.length === 0) {
    throw new UptimeInputError(`no logs found in ${logDir} (looked for ${adapter.filePattern}). Pass --log-dir with the runner's log directory`);
  }
  if (options.start !== undefined && options.end !== undefined && options.end <= options.start) {
    throw new UptimeInputError(
      `the window end ${new Date(options.end).toISOString()} is not after its start ${new Date(options.start).toISOString()}. Pass an --end-date later than --start-date`,
    );
  }
  const timeline = new Timeline({
    defaultIntervalMs: adapter.defaultIntervalMs,
    ...(options.heartbeatMs !== undefined ? { intervalMs: options.heartbeatMs } : {}),
    ...(options.graceMs !== undefined ? { graceMs: options.graceMs } : {}),
    ...(options.start !== undefined ? { countFrom: options.start } : {}),
    ...(options.end !== undefined ? { countTo: options.end } : {}),
  });
  const decoder = new LineDecoder(timeline, adapter, options.session);
  const errors: string[] = [];
  for (const f of files) {
    const failure = await readLogFile(join(logDir, f.name), f.gzip, decoder);
    if (failure) errors.push(failure);
  }
  if (timeline.overlap) {
    const [a, b] = timeline.overlap;
    throw new UptimeInputError(
      `sessions '${a}' and '${b}' logged heartbeats at the same time in ${logDir}, so they are not one runner's timeline. Pass --session with one of them`,
    );
  }
  if (Number.isNaN(timeline.firstLivenessAt)) {
    if (options.session !== undefined) {
      const known = timeline.sessionNames.filter((n) => n !== options.session);
      throw new UptimeInputError(
        `no events of session '${options.session}' in ${logDir}. ${
          known.length
            ? `Sessions found: ${known
                .slice(0, 10)
                .map((n) => `'${n}'`)
                .join(', ')}`
            : 'Check --session'
        }`,
      );
    }
    throw new UptimeInputError(
      `no heartbeat or session events in the ${files.length} log file(s) of ${logDir} (${decoder.read} lines, ${decoder.malformed} malformed). Check that --log-dir points at the runner's logs`,
    );
  }
  const start = options.start ?? timeline.firstEventAt;
  const end = options.end ?? timeline.latestAt;
  if (end <= start) {
    const span = `the logs run from ${new Date(timeline.firstEventAt).toISOString()} to ${new Date(timeline.latestAt).toISOString()}`;
    throw new UptimeInputError(
      options.start !== undefined || options.end !== undefined
        ? `the window ${new Date(start).toISOString()} .. ${new Date(end).toISOString()} is empty: ${span}. Choose --start-date/--end-date inside that period`
        : `the logs in ${logDir} span no time (every event at ${new Date(start).toISOString()}). Analyze once the runner has written more heartbeats`,
    );
  }
  timeline.finish(end);
  const analysis = summarize({
    timeline,
    start,
    end,
    sloTargetPct: options.sloTargetPct ?? 99.9,
    excludePlanned: options.excludePlanned ?? false,
    mergeGapMs: options.mergeGapMs ?? 60_000,
    lines: { read: decoder.read, malformed: decoder.malformed },
    settings: {
      heartbeatSeconds: timeline.intervalMs / 1000,
      graceSeconds: timeline.graceMs / 1000,
      mergeGapSeconds: (options.mergeGapMs ?? 60_000) / 1000,
      excludePlanned: options.excludePlanned ?? false,
      logFormat: adapter.name,
      session: options.session ?? null,
    },
    files: { read: files.map((f) => f.name), skipped, errors },
  });
  if (analysis.report.seconds.observed <= 0) {
    throw new UptimeInputError(
      `the window ${analysis.report.window.start} .. ${analysis.report.window.end} holds no evidence: the first heartbeat is at ${new Date(timeline.firstLivenessAt).toISOString()}. Choose --start-date/--end-date around the logged period`,
    );
  }
  return analysis;
}
