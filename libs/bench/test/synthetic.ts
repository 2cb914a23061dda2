import { seededRandom } from '@rustybt/core';
import { defineSuite, latencyCase, type Suite } from '../src/index';

/**
 * A synthetic workload whose "measured" latencies come from a seeded model instead of the clock,
 * so gate tests are exact on any machine. It models what a shared CI machine does to real runs:
 * each run happens under its own load (here 1x..1.6x, shared by the base and head runs of one
 * round because they run back to back), plus small per-operation jitter.
 */
export function syntheticSuite(options: { seed: number; load: number; slowdown?: number; costNs?: number }): Suite {
  const random = seededRandom(options.seed);
  const cost = (options.costNs ?? 10_000) * (options.slowdown ?? 1) * options.load;
  return defineSuite({
    name: 'synthetic',
    description: 'seeded latency model',
    cases: [
      latencyCase({
        name: 'modelled op',
        samples: { full: 200, quick: 50 },
        warmup: { full: 0, quick: 0 },
        op: () => cost * (0.97 + 0.06 * random()),
      }),
    ],
  });
}

/** Load of a round: between 1x and 1.6x, drawn from a seeded sequence. */
export function loadSequence(seed: number): () => number {
  const random = seededRandom(seed);
  return () => 1 + 0.6 * random();
}
