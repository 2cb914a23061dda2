import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration } from './duration';

describe('parseDuration', () => {
  it('reads one integer and one unit', () => {
    expect(parseDuration('10s')).toBe(10_000);
    expect(parseDuration('60s')).toBe(60_000);
    expect(parseDuration('5m')).toBe(300_000);
    expect(parseDuration('1h')).toBe(3_600_000);
    expect(parseDuration('250ms')).toBe(250);
    expect(parseDuration('2d')).toBe(172_800_000);
    expect(parseDuration('0s')).toBe(0);
  });

  it('refuses anything else with an actionable message', () => {
    for (const bad of ['', '10', 's', '1.5s', '-1s', ' 10s', '10s ', '10 s', '10S', '1h30m', '10sec', '1e3s', '+5m', '0x10s', '10s\n']) {
      expect(() => parseDuration(bad), bad).toThrow(/is not a duration\. Use an integer and a unit/);
    }
  });

  it('never throws anything but a RangeError and round-trips what it accepts (fuzz)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.stringMatching(/^\d{1,14}(ms|s|m|h|d|x)?$/)), (text) => {
        let ms: number;
        try {
          ms = parseDuration(text);
        } catch (err) {
          expect(err).toBeInstanceOf(RangeError);
          return;
        }
        expect(Number.isSafeInteger(ms) && ms >= 0).toBe(true);
        expect(parseDuration(formatDuration(ms))).toBe(ms);
      }),
      { numRuns: 2000 },
    );
  });
});
