import { INTERVAL_MS, type Interval } from '@rustybt/engine';
import { CliError } from '../errors';

const DAY = 86_400_000;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const ISO = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/** YYYY-MM-DD (00:00 UTC) or ISO 8601 (UTC when no offset) to epoch ms; exit 2 otherwise. */
export function parseDateArg(flag: string, value: string): number {
  const text = value.trim();
  let ms = Number.NaN;
  if (DATE_ONLY.test(text)) ms = Date.parse(`${text}T00:00:00Z`);
  else if (ISO.test(text)) ms = Date.parse(/(Z|[+-]\d{2}:?\d{2})$/.test(text) ? text.replace(' ', 'T') : `${text.replace(' ', 'T')}Z`);
  if (Number.isNaN(ms) || (DATE_ONLY.test(text) && new Date(ms).toISOString().slice(0, 10) !== text)) {
    throw new CliError(`${flag} '${value}' is not a date. Use YYYY-MM-DD or ISO 8601 such as 2024-01-31T14:30:00Z`);
  }
  return ms;
}

export interface ReportRange {
  /** Epoch ms; absent: from the start of the file. */
  from?: number;
  /** Epoch ms, exclusive; absent: to the end of the file. */
  to?: number;
}

/**
 * The range a report covers: flags, else for a file (csv, replay:csv) the whole file, else the year
 * (or 1000 bars) before today 00:00 UTC. A 2019 file read as "the last year" held no bars at all.
 */
export function reportRange(start: string | undefined, end: string | undefined, interval: Interval, now = Date.now(), whole = false): ReportRange {
  if (whole) {
    const from = start !== undefined ? parseDateArg('--start', start) : undefined;
    const to = end !== undefined ? parseDateArg('--end', end) : undefined;
    if (from !== undefined && to !== undefined) checkOrder(from, to);
    return { ...(from !== undefined ? { from } : {}), ...(to !== undefined ? { to } : {}) };
  }
  const to = end !== undefined ? parseDateArg('--end', end) : Math.floor(now / DAY) * DAY;
  const step = INTERVAL_MS[interval];
  const from = start !== undefined ? parseDateArg('--start', start) : step >= DAY ? to - 365 * DAY : to - 1000 * step;
  checkOrder(from, to);
  return { from, to };
}

function checkOrder(from: number, to: number): void {
  if (from >= to) throw new CliError(`--start ${new Date(from).toISOString()} is not before --end ${new Date(to).toISOString()}. Give a start before the end`);
}
