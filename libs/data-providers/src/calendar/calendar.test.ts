import { describe, expect, it } from 'vitest';
import { ALWAYS_OPEN, NYSE, nyseSession } from './calendar';

const H = 3_600_000;

describe('calendars', () => {
  it('24/7 expects every interval', () => {
    expect(ALWAYS_OPEN.missingBetween(0, 60_000, '1m')).toBe(0);
    expect(ALWAYS_OPEN.missingBetween(0, 5 * 60_000, '1m')).toBe(4);
    expect(ALWAYS_OPEN.isOpenAt(Date.UTC(2024, 0, 6), '1d')).toBe(true);
  });

  it('knows NYSE sessions across DST and early closes', () => {
    expect(nyseSession(2024, 1, 2)).toEqual({ open: Date.UTC(2024, 0, 2, 14, 30), close: Date.UTC(2024, 0, 2, 21) });
    expect(nyseSession(2024, 7, 1)).toEqual({ open: Date.UTC(2024, 6, 1, 13, 30), close: Date.UTC(2024, 6, 1, 20) });
    expect(nyseSession(2024, 11, 29)?.close).toBe(Date.UTC(2024, 10, 29, 18));
    expect(nyseSession(2024, 12, 25)).toBeUndefined();
    expect(nyseSession(2024, 1, 6)).toBeUndefined();
    // 2006: DST ended on the last Sunday of October (the 29th).
    expect(nyseSession(2006, 10, 30)?.open).toBe(Date.UTC(2006, 9, 30, 14, 30));
    expect(nyseSession(2006, 10, 27)?.open).toBe(Date.UTC(2006, 9, 27, 13, 30));
  });

  it('counts missing NYSE daily bars over weekends and holidays', () => {
    // Fri 2024-03-28 -> Tue 2024-04-02: Good Friday and the weekend are closed, Mon 04-01 is missing.
    expect(NYSE.missingBetween(Date.UTC(2024, 2, 28), Date.UTC(2024, 3, 2), '1d')).toBe(1);
    expect(NYSE.missingBetween(Date.UTC(2024, 2, 28), Date.UTC(2024, 3, 1), '1d')).toBe(0);
    expect(NYSE.isOpenAt(Date.UTC(2024, 2, 29), '1d')).toBe(false);
  });

  it('counts missing NYSE intraday bars within and across sessions', () => {
    const open = Date.UTC(2024, 0, 2, 14, 30);
    expect(NYSE.missingBetween(open, open + H, '1h')).toBe(0);
    expect(NYSE.missingBetween(open, open + 3 * H, '1h')).toBe(2);
    // Last bar of a session (15:30) to the next session's first bar: nothing missing.
    expect(NYSE.missingBetween(open + 6 * H, Date.UTC(2024, 0, 3, 14, 30), '1h')).toBe(0);
    expect(NYSE.missingBetween(Date.UTC(2024, 0, 2, 20, 59), Date.UTC(2024, 0, 3, 14, 31), '1m')).toBe(1);
    expect(NYSE.isOpenAt(Date.UTC(2024, 0, 2, 21), '1m')).toBe(false);
    expect(NYSE.isOpenAt(Date.UTC(2024, 0, 2, 20, 59), '1m')).toBe(true);
  });
});
