import { describe, expect, it } from 'vitest';
import { bootstrapCI } from './bootstrap';
import { mean } from './stats';

describe('bootstrapCI', () => {
  it('matches the exact resampling distribution of a two-value sample', () => {
    // Resampling [1, 3] twice gives a mean of 1 (p 1/4), 2 (p 1/2) or 3 (p 1/4).
    // 95%: the 2.5% and 97.5% quantiles are 1 and 3; 40%: the 30% and 70% quantiles are both 2.
    const wide = bootstrapCI([1, 3], mean, { resamples: 4000, seed: 7 });
    expect(wide).toEqual({ estimate: 2, lower: 1, upper: 3, confidence: 0.95 });
    const narrow = bootstrapCI([1, 3], mean, { resamples: 4000, seed: 7, confidence: 0.4 });
    expect([narrow.lower, narrow.upper]).toEqual([2, 2]);
  });

  it('gives a zero-width interval for a constant sample', () => {
    expect(bootstrapCI([5, 5, 5, 5], mean, { seed: 3 })).toEqual({ estimate: 5, lower: 5, upper: 5, confidence: 0.95 });
  });

  it('is deterministic for a seed and brackets the estimate', () => {
    const xs = [1.02, 0.97, 1.1, 0.99, 1.05, 1.01, 0.95, 1.08];
    const a = bootstrapCI(xs, mean, { seed: 42 });
    expect(bootstrapCI(xs, mean, { seed: 42 })).toEqual(a);
    expect(a.lower).toBeLessThan(a.estimate);
    expect(a.upper).toBeGreaterThan(a.estimate);
    expect(a.lower).toBeGreaterThanOrEqual(0.95);
    expect(a.upper).toBeLessThanOrEqual(1.1);
  });
});
