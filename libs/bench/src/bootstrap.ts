import { seededRandom } from '@rustybt/core';
import { quantileSorted } from './stats';

export interface BootstrapOptions {
  /** Number of resamples (default 2000). */
  resamples?: number;
  /** Confidence level, e.g. 0.95 (default). */
  confidence?: number;
  /** Seed of the resampling; the same seed gives the same interval. */
  seed?: number;
}

export interface ConfidenceInterval {
  estimate: number;
  lower: number;
  upper: number;
  confidence: number;
}

/**
 * Percentile bootstrap confidence interval of `statistic` over `values`: resample with replacement,
 * compute the statistic each time, take the (1-c)/2 and (1+c)/2 quantiles of those statistics.
 */
export function bootstrapCI(values: readonly number[], statistic: (sample: readonly number[]) => number, options: BootstrapOptions = {}): ConfidenceInterval {
  if (values.length === 0) throw new RangeError('bootstrap of an empty sample');
  const resamples = options.resamples ?? 2000;
  const confidence = options.confidence ?? 0.95;
  const random = seededRandom(options.seed ?? 1);
  const n = values.length;
  const stats = new Array<number>(resamples);
  const sample = new Array<number>(n);
  for (let r = 0; r < resamples; r++) {
    for (let i = 0; i < n; i++) sample[i] = values[Math.floor(random() * n)]!;
    stats[r] = statistic(sample);
  }
  stats.sort((a, b) => a - b);
  const alpha = (1 - confidence) / 2;
  return {
    estimate: statistic(values),
    lower: quantileSorted(stats, alpha),
    upper: quantileSorted(stats, 1 - alpha),
    confidence,
  };
}
