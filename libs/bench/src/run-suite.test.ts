import { describe, expect, it } from 'vitest';
import { latencyCase } from './latency';
import { microCase } from './micro';
import { runSuite } from './run-suite';
import { defineSuite } from './suite';
import { throughputCase } from './throughput';

describe('runSuite', () => {
  it('reports latency statistics from the samples an operation reports', async () => {
    const durations = [1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000, 9000, 10_000];
    let i = 0;
    const suite = defineSuite({
      name: 's',
      description: 'd',
      cases: [
        latencyCase({
          name: 'own timing',
          warmup: { full: 0, quick: 0 },
          samples: { full: 10, quick: 10 },
          op: () => durations[i++ % 10],
          goals: ['p95 <= 9us', 'max <= 10us'],
        }),
      ],
    });
    const r = await runSuite(suite);
    const c = r.cases[0]!;
    expect(c.case.statsNs).toMatchObject({ n: 10, median: 5500, min: 1000, max: 10_000 });
    expect(c.case.statsNs.p99).toBeCloseTo(9910, 9);
    expect(c.case.perSecond).toBeCloseTo(1e9 / 5500, 6);
    expect(c.goals).toEqual([
      { goal: 'p95 <= 9us', actual: expect.closeTo(9550, 6), met: false },
      { goal: 'max <= 10us', actual: 10_000, met: true },
    ]);
    expect(c.rssScope).toBe('process');
    expect(c.peakRssBytes).toBeGreaterThan(0);
  });

  it('takes the peak RSS of the process a case drives, when the case reports it, and judges the goal by it', async () => {
    const peaks: number[] = [];
    const suite = defineSuite({
      name: 's',
      description: 'd',
      cases: [
        latencyCase({
          name: 'drives a process',
          setup: () => peaks,
          warmup: { full: 0, quick: 0 },
          samples: { full: 3, quick: 3 },
          op: (p) => void p.push((200 + p.length * 60) * 2 ** 20),
          drivenPeakRss: (p) => Math.max(...p),
          goals: ['rss <= 300MB'],
        }),
      ],
    });
    const c = (await runSuite(suite)).cases[0]!;
    expect(c.rssScope).toBe('driven');
    expect(c.peakRssBytes).toBe(320 * 2 ** 20);
    expect(c.goals).toEqual([{ goal: 'rss <= 300MB', actual: 320 * 2 ** 20, met: false }]);
  });

  it('interleaves throughput iterations with the reference and reports the ratio', async () => {
    const order: string[] = [];
    const work = (n: number) => {
      let x = 0;
      for (let k = 0; k < n; k++) x += k % 7;
      return x;
    };
    const suite = defineSuite({
      name: 's',
      description: 'd',
      cases: [
        throughputCase({
          name: 'double work',
          unit: 'items',
          warmup: { full: 0, quick: 0 },
          iterations: { full: 4, quick: 4 },
          run: () => (order.push('case'), work(400_000), 200_000),
          reference: { name: 'single work', run: () => (order.push('ref'), work(200_000), 200_000) },
          goals: ['>= 1 items/s', 'ratio <= 100'],
        }),
      ],
    });
    const c = (await runSuite(suite, { quick: true })).cases[0]!;
    expect(order).toEqual(['case', 'ref', 'ref', 'case', 'case', 'ref', 'ref', 'case']);
    expect(c.case.statsNs.n).toBe(4);
    expect(c.reference?.name).toBe('single work');
    // The ratio is case cost over reference cost, medians of the same run (how fast either ran is
    // the machine's business, not this test's).
    expect(c.reference?.statsNs.n).toBe(4);
    expect(c.ratio).toBeCloseTo(c.case.statsNs.median / c.reference!.statsNs.median, 12);
    expect(c.goals.every((g) => g.met)).toBe(true);
  });

  it('runs micro cases through benchmark.js with --iterations as minSamples', async () => {
    const suite = defineSuite({
      name: 's',
      description: 'd',
      cases: [
        microCase({ name: 'json', fn: () => void JSON.stringify({ a: 1 }), reference: { name: 'noop', fn: () => {} }, maxTime: { full: 0.1, quick: 0.1 } }),
      ],
    });
    const c = (await runSuite(suite, { quick: true, iterations: 6 })).cases[0]!;
    expect(c.kind).toBe('micro');
    expect(c.case.statsNs.n).toBeGreaterThanOrEqual(6);
    expect(c.case.perSecond).toBeGreaterThan(0);
    expect(c.ratio).toBeGreaterThan(0);
  });

  it('rejects bad suites and bad runs with actionable messages', async () => {
    expect(() => defineSuite({ name: 's', description: 'd', cases: [microCase({ name: 'a', fn: () => {} }), microCase({ name: 'a', fn: () => {} })] })).toThrow(
      /two cases named "a"/,
    );
    expect(() => throughputCase({ name: 't', unit: 'bars', run: () => 1, goals: ['>= 5 rows/s'] })).toThrow(/Use bars\/s/);
    expect(() => latencyCase({ name: 'l', op: () => 1, goals: ['ratio <= 2'] })).toThrow(/needs a reference/);
    const zero = defineSuite({
      name: 's',
      description: 'd',
      cases: [throughputCase({ name: 'z', unit: 'bars', warmup: { full: 0, quick: 0 }, run: () => 0 })],
    });
    await expect(runSuite(zero)).rejects.toThrow(/must return the number of items/);
    await expect(runSuite(zero, { cases: ['nope'] })).rejects.toThrow(/has no case "nope"/);
  });
});
