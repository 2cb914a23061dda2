import { bootstrapCI } from './bootstrap';
import { BenchInputError } from './errors';
import { pairCases } from './pairing';
import type { SuiteResult } from './result-schema';
import { geometricMean } from './stats';

export type AbVerdict = 'regression' | 'improvement' | 'no change' | 'inconclusive';
export type Side = 'base' | 'head';

export interface AbOptions {
  /** Relative change that counts, e.g. 0.20 for 20% (default). */
  threshold?: number;
  /** Confidence of the bootstrap interval (default 0.95). */
  confidence?: number;
  /** Bootstrap resamples (default 2000). */
  resamples?: number;
  /** Seed of the bootstrap (default 1): the same runs always give the same verdict. */
  seed?: number;
}

export interface AbCase {
  suite: string;
  case: string;
  kind: string;
  unit: string;
  /** head/base median-cost ratio of each round (> 1: head slower). */
  ratios: number[];
  /** Geometric mean of the round ratios and its bootstrap confidence interval. */
  estimate: number;
  lower: number;
  upper: number;
  verdict: AbVerdict;
  noise: {
    /** Half the interval's width relative to the estimate: how precisely this job measured the ratio. */
    ciHalfWidth: number;
    /** Largest difference between two single runs of the same build (max/min median - 1): what a one-shot comparison would have to beat. */
    singleRunSpread: number;
  };
}

export interface AbReport {
  threshold: number;
  confidence: number;
  seed: number;
  rounds: number;
  cases: AbCase[];
  onlyInBase: string[];
  onlyInHead: string[];
  regressions: number;
  improvements: number;
  verdict: AbVerdict;
}

export interface AbRound {
  base: SuiteResult[];
  head: SuiteResult[];
}

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

const spread = (xs: number[]) => Math.max(...xs) / Math.min(...xs) - 1;

/**
 * The verdict rule: `regression` only when the whole interval lies above 1 + threshold,
 * `improvement` only when it lies below 1 − threshold, `no change` when it lies inside
 * [1 − threshold, 1 + threshold]; an interval that crosses a bound is `inconclusive`.
 */
export function verdictOf(lower: number, upper: number, threshold: number): AbVerdict {
  if (lower > 1 + threshold) return 'regression';
  if (upper < 1 - threshold) return 'improvement';
  if (lower >= 1 - threshold && upper <= 1 + threshold) return 'no change';
  return 'inconclusive';
}

/** Analyses interleaved base/head runs: per case, the round ratios, their bootstrap CI and the verdict. */
export function abAnalyze(rounds: AbRound[], options: AbOptions = {}): AbReport {
  if (rounds.length < 3) throw new BenchInputError(`the A/B gate needs at least 3 rounds, got ${rounds.length}. Pass more rounds`);
  const threshold = options.threshold ?? 0.2;
  const confidence = options.confidence ?? 0.95;
  const seed = options.seed ?? 1;
  const names = { base: 'base run', head: 'head run' };
  const perRound = rounds.map((r) => pairCases(r.base, r.head, names));
  const first = perRound[0]!;
  const cases: AbCase[] = [];
  for (const p of first.pairs) {
    const inRounds = perRound.map((pr) => pr.pairs.find((q) => q.suite === p.suite && q.name === p.name));
    if (inRounds.some((q) => q === undefined))
      throw new BenchInputError(`case ${p.suite}/${p.name} is missing from some A/B rounds. Run the same suites in every round`);
    const pairs = inRounds as NonNullable<(typeof inRounds)[number]>[];
    const baseMedians = pairs.map((q) => q.base.case.statsNs.median);
    const headMedians = pairs.map((q) => q.head.case.statsNs.median);
    if ([...baseMedians, ...headMedians].some((v) => !(v > 0)))
      throw new BenchInputError(`case ${p.suite}/${p.name} has a zero median cost. Make each iteration do measurable work`);
    const ratios = pairs.map((_, i) => headMedians[i]! / baseMedians[i]!);
    const ci = bootstrapCI(ratios, geometricMean, {
      confidence,
      seed: (seed ^ hash(`${p.suite}/${p.name}`)) >>> 0,
      ...(options.resamples ? { resamples: options.resamples } : {}),
    });
    cases.push({
      suite: p.suite,
      case: p.name,
      kind: p.base.kind,
      unit: p.base.unit,
      ratios,
      estimate: ci.estimate,
      lower: ci.lower,
      upper: ci.upper,
      verdict: verdictOf(ci.lower, ci.upper, threshold),
      noise: { ciHalfWidth: (ci.upper - ci.lower) / 2 / ci.estimate, singleRunSpread: Math.max(spread(baseMedians), spread(headMedians)) },
    });
  }
  const regressions = cases.filter((c) => c.verdict === 'regression').length;
  const improvements = cases.filter((c) => c.verdict === 'improvement').length;
  const verdict: AbVerdict =
    regressions > 0 ? 'regression' : cases.some((c) => c.verdict === 'inconclusive') ? 'inconclusive' : improvements > 0 ? 'improvement' : 'no change';
  return {
    threshold,
    confidence,
    seed,
    rounds: rounds.length,
    cases,
    onlyInBase: first.onlyInBase,
    onlyInHead: first.onlyInHead,
    regressions,
    improvements,
    verdict,
  };
}

export interface AbGateOptions extends AbOptions {
  /** Rounds of one base run and one head run each (default 6). */
  rounds?: number;
  /** Runs the benchmark of one build once. */
  run: (side: Side, round: number) => Promise<SuiteResult[]>;
  onRun?: (side: Side, round: number) => void;
}

/**
 * Runs base and head interleaved on this machine — AB, BA, AB, … (the order alternates so a drift
 * in machine speed within a round favours neither) — and analyses the rounds.
 */
export async function abGate(options: AbGateOptions): Promise<AbReport> {
  const n = options.rounds ?? 6;
  const rounds: AbRound[] = [];
  for (let i = 0; i < n; i++) {
    const order: Side[] = i % 2 === 0 ? ['base', 'head'] : ['head', 'base'];
    const got: Partial<Record<Side, SuiteResult[]>> = {};
    for (const side of order) {
      options.onRun?.(side, i);
      got[side] = await options.run(side, i);
    }
    rounds.push({ base: got.base!, head: got.head! });
  }
  return abAnalyze(rounds, options);
}
