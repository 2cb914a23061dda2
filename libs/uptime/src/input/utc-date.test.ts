import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseUtcDate } from './utc-date';

describe('parseUtcDate', () => {
  it('reads dates and UTC date-times', () => {
    expect(parseUtcDate('2026-03-01')).toBe(Date.UTC(2026, 2, 1));
    expect(parseUtcDate('2026-03-31', true)).toBe(Date.UTC(2026, 3, 1));
    expect(parseUtcDate('2026-03-01T12:30Z')).toBe(Date.UTC(2026, 2, 1, 12, 30));
    expect(parseUtcDate('2026-03-01T12:30:15.5Z', true)).toBe(Date.UTC(2026, 2, 1, 12, 30, 15, 500));
  });

  it('refuses local times, offsets and impossible dates', () => {
    for (const bad of ['2026-03-01T12:00', '2026-03-01T12:00+02:00', '2026-02-30', '2026-13-01', '2026-03-01T24:00Z', '03/01/2026', '2026-3-1', '']) {
      expect(() => parseUtcDate(bad), bad).toThrow(RangeError);
    }
  });

  it('agrees with Date for every instant it accepts (fuzz)', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date(Date.UTC(1970, 0, 1)), max: new Date(Date.UTC(2200, 0, 1)), noInvalidDate: true }), (d) => {
        expect(parseUtcDate(d.toISOString())).toBe(d.getTime());
        expect(parseUtcDate(d.toISOString().slice(0, 10))).toBe(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
      }),
    );
    fc.assert(
      fc.property(fc.string(), (s) => {
        try {
          expect(Number.isFinite(parseUtcDate(s))).toBe(true);
        } catch (err) {
          expect(err).toBeInstanceOf(RangeError);
        }
      }),
    );
  });
});
