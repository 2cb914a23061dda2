import { DAY_MS } from './time';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?(Z|[+-]\d{2}:?\d{2})?$/;

export const UTC_DATE_HELP = 'YYYY-MM-DD or ISO 8601 such as 2024-01-31T14:30:00Z';

/**
 * An ISO 8601 date, or a date-time (UTC when it has no offset) -> epoch ms, or undefined when the
 * text is not a real date. A bare date is the start of that UTC day, or with `endOfDay` its end
 * (the next midnight), so an end date of 2026-03-31 includes all of March 31.
 */
export function parseUtcDate(text: string, endOfDay = false): number | undefined {
  const trimmed = text;
  const d = DATE.exec(trimmed);
  const t = d ? null : DATE_TIME.exec(trimmed);
  const m = d ?? t;
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const [hour, minute, second] = t ? [Number(t[4]), Number(t[5]), Number(t[6] ?? 0)] : [0, 0, 0];
  const milli = t?.[7] ? Number(t[7].padEnd(3, '0')) : 0;
  const local = Date.UTC(year, month - 1, day, hour, minute, second, milli);
  const back = new Date(local);
  const real =
    back.getUTCFullYear() === year &&
    back.getUTCMonth() === month - 1 &&
    back.getUTCDate() === day &&
    back.getUTCHours() === hour &&
    back.getUTCMinutes() === minute &&
    back.getUTCSeconds() === second;
  if (!real || year < 1970) return undefined;
  const zone = t?.[8];
  const offset = zone && zone !== 'Z' ? offsetMs(zone) : 0;
  return d && endOfDay ? local + DAY_MS : local - offset;
}

function offsetMs(zone: string): number {
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4))) * 60_000;
}
