import { type NaiveTimeZone } from './timezone';

/** Milliseconds since the epoch of a proleptic Gregorian UTC date (Howard Hinnant's days_from_civil). */
export function utcMs(year: number, month: number, day: number, hour = 0, minute = 0, second = 0, ms = 0): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  const days = era * 146097 + doe - 719468;
  return days * 86_400_000 + hour * 3_600_000 + minute * 60_000 + second * 1000 + ms;
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

// Epoch numbers below this are seconds, at or above it milliseconds: 1e11 s is the year 5138,
// 1e11 ms is March 1973, so no real market timestamp is ambiguous.
const EPOCH_MS_THRESHOLD = 1e11;

/**
 * Parses a timestamp field: epoch seconds or ms, or `YYYY-MM-DD[( |T)HH:MM[:SS[.fff]]][Z|±HH[:]MM]`
 * (`/` also accepted between date parts). Naive times are read in `zone`. NaN when invalid.
 */
export function parseTime(buf: Uint8Array, start: number, end: number, zone: NaiveTimeZone): number {
  if (end - start >= 2 && buf[start] === 0x22 && buf[end - 1] === 0x22) {
    start++;
    end--;
  }
  while (start < end && buf[start] === 0x20) start++;
  while (end > start && buf[end - 1] === 0x20) end--;
  if (start >= end) return NaN;
  if (end - start >= 10 && (buf[start + 4] === 0x2d || buf[start + 4] === 0x2f)) return parseDateTime(buf, start, end, zone);
  return parseEpoch(buf, start, end);
}

function parseEpoch(buf: Uint8Array, start: number, end: number): number {
  let whole = 0;
  let i = start;
  for (; i < end; i++) {
    const c = buf[i]!;
    if (c < 0x30 || c > 0x39) break;
    whole = whole * 10 + (c - 0x30);
  }
  if (i === start || i - start > 16) return NaN;
  let frac = 0;
  let fracScale = 1;
  if (i < end && buf[i] === 0x2e) {
    i++;
    for (; i < end; i++) {
      const c = buf[i]!;
      if (c < 0x30 || c > 0x39) return NaN;
      if (fracScale < 1e6) {
        frac = frac * 10 + (c - 0x30);
        fracScale *= 10;
      }
    }
  }
  if (i !== end) return NaN;
  return whole >= EPOCH_MS_THRESHOLD ? whole + Math.round(frac / fracScale) : whole * 1000 + Math.round((frac / fracScale) * 1000);
}

function digits(buf: Uint8Array, at: number, count: number): number {
  let v = 0;
  for (let k = 0; k < count; k++) {
    const c = buf[at + k];
    if (c === undefined || c < 0x30 || c > 0x39) return -1;
    v = v * 10 + (c - 0x30);
  }
  return v;
}

function parseDateTime(buf: Uint8Array, start: number, end: number, zone: NaiveTimeZone): number {
  const sep = buf[start + 4];
  const year = digits(buf, start, 4);
  const month = digits(buf, start + 5, 2);
  const day = digits(buf, start + 8, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1 || buf[start + 7] !== sep) return NaN;
  if (day > DAYS_IN_MONTH[month - 1]! || (month === 2 && day === 29 && !isLeap(year))) return NaN;
  let i = start + 10;
  let hour = 0;
  let minute = 0;
  let second = 0;
  let ms = 0;
  if (i < end && (buf[i] === 0x54 || buf[i] === 0x20) && i + 1 < end && buf[i + 1]! >= 0x30 && buf[i + 1]! <= 0x39) {
    hour = digits(buf, i + 1, 2);
    minute = buf[i + 3] === 0x3a ? digits(buf, i + 4, 2) : -1;
    if (hour < 0 || hour > 23 || minute < 0 || minute > 59) return NaN;
    i += 6;
    if (i < end && buf[i] === 0x3a) {
      second = digits(buf, i + 1, 2);
      if (second < 0 || second > 59) return NaN;
      i += 3;
      if (i < end && buf[i] === 0x2e) {
        i++;
        let scale = 100;
        const fracStart = i;
        for (; i < end && buf[i]! >= 0x30 && buf[i]! <= 0x39; i++) {
          ms += (buf[i]! - 0x30) * scale;
          scale /= 10;
        }
        if (i === fracStart) return NaN;
        ms = Math.floor(ms);
      }
    }
  }
  const local = utcMs(year, month, day, hour, minute, second, ms);
  if (i === end) return zone.toUtc(local);
  if (buf[i] === 0x20) i++;
  const c = buf[i];
  if (c === 0x5a && i + 1 === end) return local;
  if (c === 0x55 && end - i === 3 && buf[i + 1] === 0x54 && buf[i + 2] === 0x43) return local;
  if (c !== 0x2b && c !== 0x2d) return NaN;
  const offH = digits(buf, i + 1, 2);
  const colon = buf[i + 3] === 0x3a ? 1 : 0;
  const offM = end - i === 3 ? 0 : digits(buf, i + 3 + colon, 2);
  if (offH < 0 || offH > 14 || offM < 0 || offM > 59) return NaN;
  if (end !== i + 3 && end !== i + 5 + colon) return NaN;
  const offset = (offH * 60 + offM) * 60_000;
  return c === 0x2b ? local - offset : local + offset;
}
