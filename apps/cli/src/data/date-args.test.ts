import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CliError } from '../errors';
import { parseDateArg, reportRange } from './date-args';

describe('date arguments', () => {
  it('reads dates and ISO instants as UTC', () => {
    expect(parseDateArg('--start', '2024-01-31')).toBe(Date.UTC(2024, 0, 31));
    expect(parseDateArg('--start', '2024-01-31T14:30:00Z')).toBe(Date.UTC(2024, 0, 31, 14, 30));
    expect(parseDateArg('--start', '2024-01-31 14:30')).toBe(Date.UTC(2024, 0, 31, 14, 30));
    expect(parseDateArg('--start', '2024-01-31T09:30:00-05:00')).toBe(Date.UTC(2024, 0, 31, 14, 30));
    expect(() => parseDateArg('--start', '2023-02-29')).toThrow(/'2023-02-29' is not a date/);
  });

  it('defaults to the year, or 1000 bars, before today 00:00 UTC', () => {
    const now = Date.UTC(2026, 5, 15, 13);
    expect(reportRange(undefined, undefined, '1d', now)).toEqual({ from: Date.UTC(2025, 5, 15), to: Date.UTC(2026, 5, 15) });
    expect(reportRange(undefined, undefined, '1m', now)).toEqual({ from: Date.UTC(2026, 5, 15) - 1000 * 60_000, to: Date.UTC(2026, 5, 15) });
    expect(() => reportRange('2024-02-01', '2024-01-01', '1d', now)).toThrow(/is not before --end/);
  });

  it('reads a whole file unless --start or --end bound it', () => {
    const now = Date.UTC(2026, 5, 15, 13);
    expect(reportRange(undefined, undefined, '1d', now, true)).toEqual({});
    expect(reportRange('2019-01-04', undefined, '1d', now, true)).toEqual({ from: Date.UTC(2019, 0, 4) });
    expect(reportRange(undefined, '2019-02-01', '1m', now, true)).toEqual({ to: Date.UTC(2019, 1, 1) });
    expect(() => reportRange('2019-02-01', '2019-01-01', '1d', now, true)).toThrow(/is not before --end/);
  });

  it('turns any text into a time or a usage error (exit 2)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.stringMatching(/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2})?)?(Z|[+-]\d{2}:\d{2})?$/)), (text) => {
        try {
          expect(Number.isFinite(parseDateArg('--end', text))).toBe(true);
        } catch (err) {
          expect(err).toBeInstanceOf(CliError);
          expect((err as CliError).exitCode).toBe(2);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
