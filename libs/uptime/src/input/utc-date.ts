const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?Z$/;

/**
 * An ISO 8601 date or UTC date-time -> epoch ms. A bare date means the start of that UTC day, or with
 * `endOfDay` the end of it (the next midnight), so `--end-date 2026-03-31` includes all of March 31.
 */
export function parseUtcDate(text: string, endOfDay = false): number {
  const d = DATE.exec(text);
  const t = d ? null : DATE_TIME.exec(text);
  const m = d ?? t;
  if (!m) {
    throw new RangeError(`'${text}' is not an ISO 8601 UTC date. Use YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS[.mmm]]Z`);
  }
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const [hour, minute, second] = t ? [Number(t[4]), Number(t[5]), Number(t[6] ?? 0)] : [0, 0, 0];
  const milli = t?.[7] ? Number(t[7].padEnd(3, '0')) : 0;
  const ms = Date.UTC(year, month - 1, day, hour, minute, second, milli);
  const back = new Date(ms);
  const real =
    year >= 1970 &&
    back.getUTCFullYear() === year &&
    back.getUTCMonth() === month - 1 &&
    back.getUTCDate() === day &&
    back.getUTCHours() === hour &&
    back.getUTCMinutes() === minute &&
    back.getUTCSeconds() === second;
  if (!real) throw new RangeError(`'${text}' is not a real UTC date. Check the month, day and time`);
  return d && endOfDay ? ms + 86_400_000 : ms;
}
