import type { RssGrowth, RssGrowthIteration } from './result-schema';

/** Fewest samples an iteration needs: with fewer, "the first 10%" is not a tenth of anything. */
export const RSS_GROWTH_MIN_SAMPLES = 10;

/** Default pause between two timer samples. */
export const RSS_SAMPLE_EVERY_MS = 50;

const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

/**
 * Growth of resident memory over one run from its samples in time order: mean of the last 10% of
 * the samples / mean of the first 10% − 1, in percent. Means rather than single readings, so one
 * sample taken just before or after a garbage collection does not decide the figure.
 */
export function rssGrowthOf(samples: readonly number[]): RssGrowthIteration {
  if (samples.length < RSS_GROWTH_MIN_SAMPLES) throw new Error(`RSS growth needs at least ${RSS_GROWTH_MIN_SAMPLES} samples, got ${samples.length}`);
  const k = Math.max(1, Math.floor(samples.length / 10));
  const firstBytes = mean(samples.slice(0, k));
  const lastBytes = mean(samples.slice(samples.length - k));
  // The shape, not just the ends: a heap still sizing itself rises then flattens; a leak keeps rising.
  const tenthsBytes = Array.from({ length: 10 }, (_, i) =>
    mean(samples.slice(Math.floor((i * samples.length) / 10), Math.floor(((i + 1) * samples.length) / 10))),
  );
  return { samples: samples.length, firstBytes, lastBytes, percent: (lastBytes / firstBytes - 1) * 100, tenthsBytes };
}

/** The figure of a case: its worst timed iteration, so a case never looks better than one of its runs. */
export function rssGrowthOfIterations(iterations: RssGrowthIteration[], sampling: { timer: boolean; everyMs: number }): RssGrowth {
  if (iterations.length === 0) throw new Error('RSS growth needs at least one iteration');
  const worst = iterations.reduce((a, b) => (b.percent > a.percent ? b : a));
  return {
    percent: worst.percent,
    sampling: sampling.timer ? 'timer' : 'run',
    ...(sampling.timer ? { everyMs: sampling.everyMs } : {}),
    iterations,
  };
}

/**
 * Collects RSS samples over one run: on a timer (which fires only when the run yields to the
 * event loop) and whenever the run records one itself.
 */
export class RssSampler {
  readonly samples: number[] = [];
  private timer: NodeJS.Timeout | undefined;

  /** Records the current RSS, or a figure the run measured itself (e.g. of a process it drives). */
  record = (rssBytes: number = process.memoryUsage.rss()): void => {
    if (!(Number.isFinite(rssBytes) && rssBytes > 0)) throw new Error(`an RSS sample must be a positive number of bytes, got ${rssBytes}`);
    this.samples.push(rssBytes);
  };

  /** Samples now and then every `everyMs` until stop(). */
  startTimer(everyMs: number): void {
    this.record();
    this.timer = setInterval(() => this.record(), everyMs);
    // Never the reason a finished benchmark stays alive.
    this.timer.unref();
  }

  stop(): number[] {
    if (this.timer) {
      clearInterval(this.timer);
      this.timer = undefined;
      this.record();
    }
    return this.samples;
  }
}
