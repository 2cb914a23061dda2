import type { Summary } from './result-schema';

/** Summary statistics of a sample. Percentiles interpolate linearly between order statistics (R type 7, Excel PERCENTILE.INC). */

export function sorted(values: readonly number[]): number[] {
  return [...values].sort((a, b) => a - b);
}

/** The q-quantile (0 <= q <= 1) of an already sorted sample. */
export function quantileSorted(s: readonly number[], q: number): number {
  if (s.length === 0) throw new RangeError('quantile of an empty sample');
  if (!(q >= 0 && q <= 1)) throw new RangeError(`quantile ${q} outside [0, 1]`);
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo]! + (s[hi]! - s[lo]!) * (pos - lo);
}

export function quantile(values: readonly number[], q: number): number {
  return quantileSorted(sorted(values), q);
}

export const median = (values: readonly number[]): number => quantile(values, 0.5);

export function mean(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('mean of an empty sample');
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

/** Sample standard deviation (n - 1); 0 for a single value. */
export function stdev(values: readonly number[]): number {
  if (values.length < 2) return 0;
  const m = mean(values);
  let ss = 0;
  for (const v of values) ss += (v - m) ** 2;
  return Math.sqrt(ss / (values.length - 1));
}

// Two-sided 95% critical values of Student's t by degrees of freedom (1..30); 1.96 beyond.
const T95 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131, 2.12, 2.11, 2.101, 2.093, 2.086, 2.08, 2.074, 2.069,
  2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042,
];

export function tCritical95(df: number): number {
  return df >= 1 && df <= T95.length ? T95[df - 1]! : 1.96;
}

/** Relative margin of error of the mean in percent: t * (sd / sqrt(n)) / mean * 100. */
export function relativeMarginOfError(values: readonly number[]): number {
  if (values.length < 2) return 0;
  const m = mean(values);
  if (m === 0) return 0;
  return ((tCritical95(values.length - 1) * stdev(values)) / Math.sqrt(values.length) / Math.abs(m)) * 100;
}

export function summarize(values: readonly number[]): Summary {
  const s = sorted(values);
  return {
    n: s.length,
    mean: mean(s),
    median: quantileSorted(s, 0.5),
    p95: quantileSorted(s, 0.95),
    p99: quantileSorted(s, 0.99),
    min: s[0]!,
    max: s[s.length - 1]!,
    stdev: stdev(s),
    rme: relativeMarginOfError(s),
  };
}

export function geometricMean(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('geometric mean of an empty sample');
  let sum = 0;
  for (const v of values) {
    if (!(v > 0)) throw new RangeError(`geometric mean needs positive values, got ${v}`);
    sum += Math.log(v);
  }
  return Math.exp(sum / values.length);
}
