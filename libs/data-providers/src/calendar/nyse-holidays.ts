/**
 * NYSE full-day closures and 13:00 early closes, by rule (NYSE Rule 7.2 and the exchange's
 * published calendars) plus a table of one-off closures. Verified against the published
 * schedules for 2019–2026 in nyse-holidays.test.ts. Valid from 1998 (MLK Day) on; Juneteenth
 * from 2022.
 */

/** `YYYY-MM-DD` of a UTC date. */
export function dayKey(year: number, month: number, day: number): string {
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Weekday of a date, 0 = Sunday. */
export function weekday(year: number, month: number, day: number): number {
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay();
}

/** Day of month of the n-th `dow` (0 = Sunday) of a month. */
export function nthWeekday(year: number, month: number, dow: number, n: number): number {
  const first = weekday(year, month, 1);
  return 1 + ((dow - first + 7) % 7) + (n - 1) * 7;
}

/** Day of month of the last `dow` of a month. */
export function lastWeekday(year: number, month: number, dow: number): number {
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const last = weekday(year, month, days);
  return days - ((last - dow + 7) % 7);
}

/** Western Easter Sunday (anonymous Gregorian algorithm): [month, day]. */
export function easter(year: number): [number, number] {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return [month, day];
}

/** One-off closures (national mourning, weather, 9/11) that no rule produces. */
export const NYSE_SPECIAL_CLOSURES: Readonly<Record<string, string>> = {
  '2001-09-11': 'September 11 attacks',
  '2001-09-12': 'September 11 attacks',
  '2001-09-13': 'September 11 attacks',
  '2001-09-14': 'September 11 attacks',
  '2004-06-11': 'National Day of Mourning (Ronald Reagan)',
  '2007-01-02': 'National Day of Mourning (Gerald Ford)',
  '2012-10-29': 'Hurricane Sandy',
  '2012-10-30': 'Hurricane Sandy',
  '2018-12-05': 'National Day of Mourning (George H. W. Bush)',
  '2025-01-09': 'National Day of Mourning (Jimmy Carter)',
};

/**
 * A fixed-date holiday falling on a weekend: Saturday -> the Friday before, Sunday -> the Monday
 * after. New Year's Day on a Saturday is not moved back into the previous year (NYSE rule).
 */
function observed(out: Map<string, string>, year: number, month: number, day: number, name: string, moveSaturday = true): void {
  const dow = weekday(year, month, day);
  const d = new Date(Date.UTC(year, month - 1, day + (dow === 6 ? (moveSaturday ? -1 : 0) : dow === 0 ? 1 : 0)));
  if (dow === 6 && !moveSaturday) return;
  out.set(dayKey(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()), name);
}

const holidayCache = new Map<number, Map<string, string>>();

/** Full-day closures of a year: `YYYY-MM-DD` -> name. */
export function nyseHolidays(year: number): ReadonlyMap<string, string> {
  const hit = holidayCache.get(year);
  if (hit) return hit;
  const out = new Map<string, string>();
  observed(out, year, 1, 1, "New Year's Day", false);
  out.set(dayKey(year, 1, nthWeekday(year, 1, 1, 3)), 'Martin Luther King Jr. Day');
  out.set(dayKey(year, 2, nthWeekday(year, 2, 1, 3)), "Washington's Birthday");
  const [em, ed] = easter(year);
  const goodFriday = new Date(Date.UTC(year, em - 1, ed - 2));
  out.set(dayKey(year, goodFriday.getUTCMonth() + 1, goodFriday.getUTCDate()), 'Good Friday');
  out.set(dayKey(year, 5, lastWeekday(year, 5, 1)), 'Memorial Day');
  if (year >= 2022) observed(out, year, 6, 19, 'Juneteenth National Independence Day');
  observed(out, year, 7, 4, 'Independence Day');
  out.set(dayKey(year, 9, nthWeekday(year, 9, 1, 1)), 'Labor Day');
  out.set(dayKey(year, 11, nthWeekday(year, 11, 4, 4)), 'Thanksgiving Day');
  observed(out, year, 12, 25, 'Christmas Day');
  for (const [key, name] of Object.entries(NYSE_SPECIAL_CLOSURES)) if (key.startsWith(`${year}-`)) out.set(key, name);
  holidayCache.set(year, out);
  return out;
}

/** Days the market closes at 13:00 New York time: `YYYY-MM-DD` -> reason. */
export function nyseEarlyCloses(year: number): ReadonlyMap<string, string> {
  const out = new Map<string, string>();
  const july3 = weekday(year, 7, 3);
  if (july3 >= 1 && july3 <= 4) out.set(dayKey(year, 7, 3), 'day before Independence Day');
  out.set(dayKey(year, 11, nthWeekday(year, 11, 4, 4) + 1), 'day after Thanksgiving');
  const dec24 = weekday(year, 12, 24);
  if (dec24 >= 1 && dec24 <= 4) out.set(dayKey(year, 12, 24), 'Christmas Eve');
  return out;
}
