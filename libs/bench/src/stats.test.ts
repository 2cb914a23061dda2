import { describe, expect, it } from 'vitest';
import { geometricMean, median, quantile, relativeMarginOfError, stdev, summarize } from './stats';

describe('statistics', () => {
  const oneToTen = [10, 3, 1, 7, 2, 9, 4, 6, 5, 8];

  it('interpolates percentiles linearly between order statistics', () => {
    // position (n-1)q: p95 -> 8.55 -> 9 + 0.55 * (10 - 9); p99 -> 8.91
    expect(median(oneToTen)).toBe(5.5);
    expect(quantile(oneToTen, 0.95)).toBeCloseTo(9.55, 12);
    expect(quantile(oneToTen, 0.99)).toBeCloseTo(9.91, 12);
    expect(quantile(oneToTen, 0)).toBe(1);
    expect(quantile(oneToTen, 1)).toBe(10);
    expect(median([4, 1, 3])).toBe(3);
    expect(quantile([7], 0.99)).toBe(7);
  });

  it('computes sd and the relative margin of error with Student t', () => {
    const xs = [2, 4, 4, 4, 5, 5, 7, 9]; // mean 5, sum of squares 32
    expect(stdev(xs)).toBeCloseTo(Math.sqrt(32 / 7), 12);
    // t(7) = 2.365; sem = sd / sqrt(8); rme = t * sem / mean * 100
    expect(relativeMarginOfError(xs)).toBeCloseTo(((2.365 * Math.sqrt(32 / 7)) / Math.sqrt(8) / 5) * 100, 10);
    expect(relativeMarginOfError([3])).toBe(0);
  });

  it('summarizes a sample', () => {
    const s = summarize(oneToTen);
    expect(s).toMatchObject({ n: 10, mean: 5.5, median: 5.5, min: 1, max: 10 });
    expect(s.p95).toBeCloseTo(9.55, 12);
  });

  it('computes a geometric mean and rejects empty or non-positive input', () => {
    expect(geometricMean([1, 4])).toBeCloseTo(2, 12);
    expect(geometricMean([2, 8, 4])).toBeCloseTo(4, 12);
    expect(() => geometricMean([])).toThrow(RangeError);
    expect(() => geometricMean([1, 0])).toThrow(RangeError);
    expect(() => quantile([], 0.5)).toThrow(RangeError);
  });
});
