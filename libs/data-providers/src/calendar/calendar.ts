import { INTERVAL_MS, type Interval } from '@rustybt/engine';
import { dayKey, lastWeekday, nthWeekday, nyseEarlyCloses, nyseHolidays, weekday } from './nyse-holidays';
import { DAY_MS as DAY } from '@rustybt/core';

const HOUR = 3_600_000;

/** Which bar open times a market is expected to have. */
export interface TradingCalendar {
  readonly name: 'NYSE' | '24/7';
  /** Expected bar opens strictly between two bars' times. */
  missingBetween(prev: number, next: number, interval: Interval): number;
  /** Whether a bar at this time can exist at all (false: weekend, holiday, outside the session). */
  isOpenAt(time: number, interval: Interval): boolean;
}

/** Crypto venues: every interval of every day. */
export const ALWAYS_OPEN: TradingCalendar = {
  name: '24/7',
  missingBetween: (prev, next, interval) => Math.max(0, Math.round((next - prev) / INTERVAL_MS[interval]) - 1),
  isOpenAt: () => true,
};

/** US Eastern offset from UTC on a date, in hours: DST from the 2nd Sunday of March to the 1st Sunday of November (2007 rules; April–October before). */
function easternOffsetHours(year: number, month: number, day: number): number {
  const [startM, startD, endM, endD] =
    year >= 2007 ? [3, nthWeekday(year, 3, 0, 2), 11, nthWeekday(year, 11, 0, 1)] : [4, nthWeekday(year, 4, 0, 1), 10, lastWeekday(year, 10, 0)];
  const md = month * 100 + day;
  return md >= startM * 100 + startD && md < endM * 100 + endD ? -4 : -5;
}

interface Session {
  open: number;
  close: number;
}

/** The regular session (UTC ms) of a date, or undefined when the exchange is closed. */
export function nyseSession(year: number, month: number, day: number): Session | undefined {
  const dow = weekday(year, month, day);
  if (dow === 0 || dow === 6) return undefined;
  const key = dayKey(year, month, day);
  if (nyseHolidays(year).has(key)) return undefined;
  const midnight = Date.UTC(year, month - 1, day) - easternOffsetHours(year, month, day) * HOUR;
  const close = nyseEarlyCloses(year).has(key) ? 13 : 16;
  return { open: midnight + 9.5 * HOUR, close: midnight + close * HOUR };
}

function dateOf(time: number): [number, number, number] {
  const d = new Date(time);
  return [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
}

/** Bar opens of a session: open, open + step, ... while before the close. */
function sessionOpens(s: Session, step: number, after: number, before: number): number {
  let count = 0;
  for (let t = s.open; t < s.close; t += step) if (t > after && t < before) count++;
  return count;
}

/**
 * NYSE: daily bars on sessions (a daily bar's time is any instant of its UTC date, as CSV
 * exports and the yahoo source stamp them); intraday bars from 09:30 New York time every interval
 * until the close (16:00, 13:00 on early-close days). Weekly bars: one per week.
 */
export const NYSE: TradingCalendar = {
  name: 'NYSE',
  missingBetween(prev, next, interval) {
    const step = INTERVAL_MS[interval];
    if (step >= 7 * DAY) return ALWAYS_OPEN.missingBetween(prev, next, interval);
    let missing = 0;
    if (step >= DAY) {
      for (let t = Math.floor(prev / DAY) * DAY + DAY; t < Math.floor(next / DAY) * DAY; t += DAY) if (nyseSession(...dateOf(t))) missing++;
      return missing;
    }
    for (let t = Math.floor(prev / DAY) * DAY - DAY; t <= next + DAY; t += DAY) {
      const s = nyseSession(...dateOf(t));
      if (s) missing += sessionOpens(s, step, prev, next);
    }
    return missing;
  },
  isOpenAt(time, interval) {
    const step = INTERVAL_MS[interval];
    if (step >= 7 * DAY) return true;
    const s = nyseSession(...dateOf(time));
    if (step >= DAY) return s !== undefined;
    return s !== undefined && time >= s.open && time < s.close;
  },
};

export type CalendarName = 'nyse' | '24/7' | 'none';

export function calendarByName(name: CalendarName): TradingCalendar | undefined {
  return name === 'nyse' ? NYSE : name === '24/7' ? ALWAYS_OPEN : undefined;
}
