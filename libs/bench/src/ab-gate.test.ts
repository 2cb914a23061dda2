import { describe, expect, it } from 'vitest';
import { loadSequence, syntheticSuite } from '../test/synthetic';
import { abAnalyze, abGate, verdictOf, type Side } from './ab-gate';
import { compare } from './compare';
import { runSuite } from './run-suite';
import { seededRandom } from '@rustybt/core';
import { createResultFile } from './result-file';
import { machine } from '../test/result-fixtures';

/** An A/B job over the synthetic workload: head is `slowdown` times the base cost; load varies by round. */
function job(seed: number, slowdown: number, rounds = 6) {
  const load = loadSequence(seed);
  const jitter = seededRandom(seed + 99);
  let roundLoad = 1;
  return abGate({
    rounds,
    seed,
    run: async (side: Side, round: number) => {
      // Base and head of one round run back to back, so they share most of the load; each run adds ±5% of its own.
      if (side === (round % 2 === 0 ? 'base' : 'head')) roundLoad = load();
      const suite = syntheticSuite({
        seed: seed * 1000 + round * 2 + (side === 'head' ? 1 : 0),
        load: roundLoad * (0.95 + 0.1 * jitter()),
        slowdown: side === 'head' ? slowdown : 1,
      });
      return [await runSuite(suite, { quick: true })];
    },
  });
}

describe('A/B gate', () => {
  it('applies the verdict rule to the interval', () => {
    expect(verdictOf(1.21, 1.4, 0.2)).toBe('regression');
    expect(verdictOf(0.6, 0.79, 0.2)).toBe('improvement');
    expect(verdictOf(0.85, 1.15, 0.2)).toBe('no change');
    expect(verdictOf(1.1, 1.3, 0.2)).toBe('inconclusive');
    expect(verdictOf(0.7, 0.9, 0.2)).toBe('inconclusive');
  });

  it('says regression for a case made 30% slower on purpose', async () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const r = await job(seed, 1.3, 10);
      expect(r.cases[0]!.verdict, `seed ${seed}`).toBe('regression');
      expect(r.verdict).toBe('regression');
      expect(r.cases[0]!.estimate).toBeGreaterThan(1.25);
      expect(r.cases[0]!.estimate).toBeLessThan(1.35);
    }
  });

  it('raises zero false alarms on A/A runs of the same code, where single-run compares do', async () => {
    let singleRunAlarms = 0;
    for (const seed of [11, 12, 13, 14, 15, 16, 17, 18, 19, 20]) {
      const r = await job(seed, 1);
      expect(['no change', 'inconclusive'], `seed ${seed}`).toContain(r.verdict);
      expect(r.cases[0]!.noise.ciHalfWidth).toBeLessThan(0.1);
      // What a one-shot comparison of two runs of this same code would have seen.
      if (r.cases[0]!.noise.singleRunSpread > 0.2) singleRunAlarms++;
    }
    expect(singleRunAlarms).toBeGreaterThan(0);
  });

  it('is deterministic: the same runs and seed give the same report', async () => {
    expect(await job(7, 1.3)).toEqual(await job(7, 1.3));
  });

  it('needs at least 3 rounds of the same cases', async () => {
    const one = [await runSuite(syntheticSuite({ seed: 1, load: 1 }), { quick: true })];
    expect(() => abAnalyze([{ base: one, head: one }], {})).toThrow(/at least 3 rounds/);
  });
});

describe('compare (single runs)', () => {
  const file = async (seed: number, load: number, slowdown = 1) =>
    createResultFile([await runSuite(syntheticSuite({ seed, load, slowdown }), { quick: true })], { quick: true, machine });

  it('flags a change beyond the threshold and nothing within it', async () => {
    const base = await file(1, 1);
    expect(compare(base, await file(2, 1, 1.3), { threshold: 0.2 }).rows[0]!.verdict).toBe('regression');
    expect(compare(base, await file(3, 1, 0.7), { threshold: 0.2 }).rows[0]!.verdict).toBe('improvement');
    const same = compare(base, await file(4, 1.05), { threshold: 0.2 });
    expect(same.rows[0]!.verdict).toBe('no change');
    expect(same.regressions).toBe(0);
    expect(same.rows[0]!.ratio).toBeCloseTo(1.05, 1);
  });

  it('reports cases present on one side only and refuses files with nothing in common', async () => {
    const base = await file(1, 1);
    const other = { ...base, suites: [{ name: 'other', cases: base.suites[0]!.cases }] };
    expect(() => compare(base, other)).toThrow(/have no case in common \(suites synthetic vs other\)/);
    const both = { ...base, suites: [...base.suites, other.suites[0]!] };
    expect(compare(base, both).onlyInCurrent).toEqual(['other/modelled op']);
  });

  it('refuses cases of the same name that measure different things', async () => {
    const base = await file(1, 1);
    const head = structuredClone(base);
    head.suites[0]!.cases[0]!.unit = 'bars';
    expect(() => compare(base, head)).toThrow(/is a latency case in ops in baseline but a latency case in bars in current/);
  });
});
