import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { formatCase } from './format-report';
import { parseGoal } from './goals';
import { caseResultSchema } from './result-schema';
import { rssGrowthOf } from './rss-growth';
import { runSuite } from './run-suite';
import { defineSuite } from './suite';
import { throughputCase } from './throughput';

const MB = 1024 ** 2;

/** A run's RSS in MB: flat at `from` for the first tenth, a ramp, flat at `to` for the last tenth. */
function ramp(n: number, from: number, to: number): number[] {
  return Array.from({ length: n }, (_, i) => {
    const x = Math.min(1, Math.max(0, (i - n / 10) / (n - n / 5)));
    return (from + (to - from) * x) * MB;
  });
}

describe('rssGrowthOf', () => {
  it('compares the mean of the last 10% of the samples with the mean of the first 10%', () => {
    const g = rssGrowthOf(ramp(100, 100, 110));
    expect(g).toMatchObject({ samples: 100, firstBytes: 100 * MB, lastBytes: 110 * MB, percent: expect.closeTo(10, 9) });
    // The shape: flat, a steady rise, flat.
    expect(g.tenthsBytes.map((b) => Math.round(b / MB))).toEqual([100, 101, 102, 103, 104, 106, 107, 108, 109, 110]);
    // 25 samples: the first and last 2 (a tenth, rounded down), so one odd reading is averaged out.
    const xs = [...Array<number>(25).fill(200 * MB)];
    xs[0] = 100 * MB;
    expect(rssGrowthOf(xs).percent).toBeCloseTo((200 / 150 - 1) * 100, 9);
    expect(rssGrowthOf(ramp(50, 300, 240)).percent).toBeCloseTo(-20, 9);
  });

  it('refuses too few samples', () => {
    expect(() => rssGrowthOf([1, 2, 3])).toThrow(/at least 10 samples, got 3/);
  });
});

describe('throughput cases with rssGrowth', () => {
  it('report the growth of samples the run records itself, and its goal', async () => {
    // A deterministic workload: each iteration reports a modelled RSS every 1000 items.
    const models = [ramp(40, 100, 104), ramp(40, 100, 112), ramp(40, 100, 108)];
    let iteration = -1; // the warm-up iteration comes first and has no model
    const suite = defineSuite({
      name: 's',
      description: 'd',
      cases: [
        throughputCase({
          name: 'modelled memory',
          unit: 'items',
          warmup: { full: 1, quick: 1 },
          iterations: { full: 3, quick: 3 },
          rssGrowth: { timer: false },
          run: (_state, probe) => {
            // The warm-up is not measured: its probe records nothing.
            for (const rss of models[iteration] ?? []) probe.sampleRss(rss);
            iteration++;
            return 40_000;
          },
          goals: ['rss-growth <= 10%', 'rss growth < 15%'],
        }),
      ],
    });
    const c = (await runSuite(suite)).cases[0]!;
    expect(caseResultSchema.parse(c)).toEqual(c);
    expect(c.rssGrowth).toMatchObject({ sampling: 'run', percent: expect.closeTo(12, 9) });
    expect(c.rssGrowth!.everyMs).toBeUndefined();
    expect(c.rssGrowth!.iterations.map((i) => Math.round(i.percent))).toEqual([4, 12, 8]);
    expect(c.goals).toEqual([
      { goal: 'rss-growth <= 10%', actual: expect.closeTo(12, 9), met: false },
      { goal: 'rss growth < 15%', actual: expect.closeTo(12, 9), met: true },
    ]);
    expect(formatCase(c)).toContain(
      'RSS growth +12.0% (100 MB -> 112 MB, first -> last 10% of 40 samples recorded by the run; worst of 3 iterations)\n    RSS by tenth of the run: 100 101 102 104 105 107 108 110 111 112 MB',
    );
  });

  it('sample RSS on a timer while the run yields, and see memory the run keeps', async () => {
    const kept: Buffer[] = [];
    const suite = defineSuite({
      name: 's',
      description: 'd',
      cases: [
        throughputCase({
          name: 'keeps 16 MB a step',
          unit: 'steps',
          warmup: { full: 0, quick: 0 },
          iterations: { full: 1, quick: 1 },
          rssGrowth: { everyMs: 2 },
          run: async () => {
            for (let i = 0; i < 12; i++) {
              // Filled, so the pages are resident. A timeout due after the 2 ms interval lets it fire first.
              kept.push(Buffer.alloc(16 * MB, i + 1));
              await sleep(6);
            }
            return 12;
          },
        }),
      ],
    });
    const c = (await runSuite(suite)).cases[0]!;
    kept.length = 0;
    const g = c.rssGrowth!;
    expect(g.sampling).toBe('timer');
    expect(g.everyMs).toBe(2);
    // A sample at the start and the end, and at least one per step.
    expect(g.iterations[0]!.samples).toBeGreaterThanOrEqual(14);
    // 192 MB kept on top of the worker's own RSS.
    expect(g.iterations[0]!.lastBytes - g.iterations[0]!.firstBytes).toBeGreaterThan(96 * MB);
    expect(g.percent).toBeGreaterThan(0);
  });

  it('fail with what to do when a run never lets the timer fire', async () => {
    const suite = defineSuite({
      name: 's',
      description: 'd',
      cases: [
        throughputCase({ name: 'blocking', unit: 'items', warmup: { full: 0, quick: 0 }, iterations: { full: 1, quick: 1 }, rssGrowth: true, run: () => 10 }),
      ],
    });
    await expect(runSuite(suite)).rejects.toThrow(/took 2 RSS samples in an iteration, fewer than the 10 .* must yield to the event loop/);
  });

  it('reject an rss-growth goal on a case that does not measure it, and bad options', () => {
    expect(parseGoal('rss-growth <= 10%')).toMatchObject({ metric: 'rssGrowth', op: '<=', value: 10 });
    expect(() => throughputCase({ name: 't', unit: 'bars', run: () => 1, goals: ['rss-growth <= 10%'] })).toThrow(
      /needs an RSS growth measurement. Give the case the rssGrowth option/,
    );
    expect(() => throughputCase({ name: 't', unit: 'bars', run: () => 1, rssGrowth: { everyMs: 0 } })).toThrow(/everyMs must be a positive number/);
  });
});
