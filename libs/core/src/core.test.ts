import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration } from './duration';
import { seededRandom } from './random';
import { daysFromCivil, DAY_MS, startOfUtcDay, utcMs } from './time';
import { parseUtcDate } from './utc-date';

describe('parseDuration', () => {
  it('reads the one grammar: integers and fractions with a unit', () => {
    expect(parseDuration('250ms')).toBe(250);
    expect(parseDuration('10s')).toBe(10_000);
    expect(parseDuration('1.5s')).toBe(1500);
    expect(parseDuration('5m')).toBe(300_000);
    expect(parseDuration('12h')).toBe(43_200_000);
    expect(parseDuration('30d')).toBe(30 * DAY_MS);
    expect(parseDuration('0s')).toBe(0);
  });

  it('refuses everything else', () => {
    for (const bad of ['', '10', 's', '1 s', '1h30m', '-1s', '1e3s', '10S', '.5s', '1.s']) expect(parseDuration(bad), bad).toBeUndefined();
  });

  it('round-trips every whole-millisecond duration through formatDuration (fuzz)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 ** 12 }), (ms) => {
        expect(parseDuration(formatDuration(ms))).toBe(ms);
      }),
    );
  });

  it('never throws on any text (fuzz)', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const ms = parseDuration(text);
        expect(ms === undefined || (Number.isSafeInteger(ms) && ms >= 0)).toBe(true);
      }),
    );
  });
});

describe('civil days', () => {
  it('agrees with Date.UTC over centuries (fuzz)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1000, max: 9999 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }), (y, m, d) => {
        expect(utcMs(y, m, d, 13, 5, 7, 9)).toBe(Date.UTC(y, m - 1, d, 13, 5, 7, 9));
        expect(daysFromCivil(y, m, d) * DAY_MS).toBe(startOfUtcDay(utcMs(y, m, d, 23, 59)));
      }),
    );
  });
});

describe('parseUtcDate', () => {
  it('reads dates and date-times, UTC unless an offset is given', () => {
    expect(parseUtcDate('2026-03-31')).toBe(Date.UTC(2026, 2, 31));
    expect(parseUtcDate('2026-03-31', true)).toBe(Date.UTC(2026, 3, 1));
    expect(parseUtcDate('2026-03-31T14:30:00Z')).toBe(Date.UTC(2026, 2, 31, 14, 30));
    expect(parseUtcDate('2026-03-31T14:30')).toBe(Date.UTC(2026, 2, 31, 14, 30));
    expect(parseUtcDate('2026-03-31T14:30:00.5Z')).toBe(Date.UTC(2026, 2, 31, 14, 30, 0, 500));
    expect(parseUtcDate('2026-03-31T14:30:00+02:00')).toBe(Date.UTC(2026, 2, 31, 12, 30));
  });

  it('refuses dates that do not exist', () => {
    for (const bad of ['2026-02-30', '2026-13-01', '1969-12-31', '31/03/2026', '2026-03-31T25:00Z', 'now']) expect(parseUtcDate(bad), bad).toBeUndefined();
  });
});

describe('seededRandom', () => {
  it('gives the same sequence for the same seed, in [0, 1)', () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(xs).toEqual(Array.from({ length: 1000 }, () => b()));
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(seededRandom(43)()).not.toBe(xs[0]);
  });
});
