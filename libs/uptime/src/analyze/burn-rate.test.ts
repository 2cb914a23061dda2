import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { worstWindow } from './burn-rate';

describe('worstWindow', () => {
  it('finds the window holding the most downtime', () => {
    // outages [10, 20] and [25, 40]: any window of 20 holds at most 15; the earliest such ends at 30
    expect(worstWindow([10, 25], [20, 40], 0, 100, 20)).toEqual({ downMs: 15, endAt: 30 });
    expect(worstWindow([], [], 0, 100, 20)).toEqual({ downMs: 0, endAt: 20 });
    expect(worstWindow([0], [5], 0, 10, 20)).toBeNull();
  });

  it('is never beaten by a brute-force scan (property)', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 0, max: 200 }), { maxLength: 12 }), fc.integer({ min: 1, max: 60 }), (edges, len) => {
        const sorted = [...edges].sort((a, b) => a - b);
        const starts: number[] = [];
        const ends: number[] = [];
        for (let i = 0; i + 1 < sorted.length; i += 2) {
          starts.push(sorted[i]!);
          ends.push(sorted[i + 1]!);
        }
        const best = worstWindow(starts, ends, 0, 200, len)!;
        for (let t = len; t <= 200; t++) {
          let d = 0;
          for (let i = 0; i < starts.length; i++) d += Math.max(0, Math.min(ends[i]!, t) - Math.max(starts[i]!, t - len));
          expect(d).toBeLessThanOrEqual(best.downMs);
        }
      }),
    );
  });
});
