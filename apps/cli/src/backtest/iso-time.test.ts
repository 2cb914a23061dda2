import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isoFormatter } from './iso-time';

describe('isoFormatter', () => {
  it('writes exactly what toISOString writes, in any order of times (property)', () => {
    const time = fc.integer({ min: -8.64e15, max: 8.64e15 });
    fc.assert(
      fc.property(fc.array(time, { maxLength: 50 }), (times) => {
        const iso = isoFormatter();
        for (const t of times) expect(iso(t)).toBe(new Date(t).toISOString());
      }),
      { numRuns: 500 },
    );
    const iso = isoFormatter();
    for (const t of [0, -1, 86_399_999, 86_400_000, Date.UTC(2024, 1, 29, 23, 59, 59, 999)]) expect(iso(t)).toBe(new Date(t).toISOString());
  });
});
