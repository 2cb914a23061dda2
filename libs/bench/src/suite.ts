import { checkGoalFits, parseGoal, type Goal } from './goals';
import type { CaseKind, RssGrowth } from './result-schema';

/** A count that differs between a full run and `--quick` (CI) runs. */
export interface Counts {
  full: number;
  quick: number;
}

interface CaseCommon {
  name: string;
  /** Goals printed as met / not met, e.g. `>= 1e6 bars/s`, `p99 <= 200us`, `ratio <= 2`. */
  goals?: string[];
  /**
   * Run this case alone in a child process, so its peak RSS is its own and not what earlier
   * cases left behind. Needs a child launcher in the run options (see runSuite).
   */
  isolate?: boolean;
}

/** Handed to a throughput run as its second argument. */
export interface RunProbe {
  /**
   * Records an RSS sample for the case's growth figure: the current RSS of this process, or a
   * figure the run measured itself (e.g. of a process it drives). Does nothing unless the case
   * measures RSS growth. A run that blocks the event loop throughout (no timer can fire) samples
   * itself this way, at an even pace (e.g. every N items).
   */
  sampleRss: (rssBytes?: number) => void;
}

/** RSS growth over each timed iteration of a throughput case (not the reference, not warm-up). */
export interface RssGrowthOptions {
  /** Sample on a timer every this many ms (default 50); run() must yield to the event loop for it to fire. */
  everyMs?: number;
  /** false: no timer, only the samples run() records through its probe. Default true. */
  timer?: boolean;
}

export interface ThroughputCaseDef<S> extends CaseCommon {
  /** What one item is, plural: "bars", "rows", "lines". Figures are reported as <unit>/s. */
  unit: string;
  /** Runs once before warm-up, not timed; its value is passed to run, reference.run and teardown. */
  setup?: () => S | Promise<S>;
  teardown?: (state: S) => void | Promise<void>;
  /** One timed iteration; returns how many items it processed. */
  run: (state: S, probe: RunProbe) => number | Promise<number>;
  /** Measured in the same run, interleaved with the case; the result carries case/reference cost as `ratio`. */
  reference?: { name: string; run: (state: S) => number | Promise<number> };
  /** Timed iterations (default full 10, quick 3); `--iterations` overrides both. */
  iterations?: Counts;
  /** Untimed iterations first, so the JIT has settled (default full 2, quick 1). */
  warmup?: Counts;
  /**
   * Also report how RSS grew over each timed iteration: mean of the last 10% of its samples / mean
   * of the first 10% − 1 (`rssGrowth` in the result, goal `rss-growth <= 10%`). Needs at least 10
   * samples per iteration. Most honest in an isolated case: then the RSS is the case's own.
   */
  rssGrowth?: RssGrowthOptions | true;
}

/** What a latency operation may return: nothing (the harness times the call) or its own duration in ns. */
export type LatencyOpResult = void | number | bigint;

export interface LatencyCaseDef<S> extends CaseCommon {
  /** What one operation is (default "ops"). */
  unit?: string;
  setup?: () => S | Promise<S>;
  teardown?: (state: S) => void | Promise<void>;
  /**
   * One operation, timed with process.hrtime.bigint() around the call. An operation that knows
   * its own latency better (e.g. submit -> fill event) may return it in nanoseconds instead.
   */
  op: (state: S) => LatencyOpResult | Promise<LatencyOpResult>;
  reference?: { name: string; op: (state: S) => LatencyOpResult | Promise<LatencyOpResult> };
  /** Timed operations (default full 1000, quick 100); `--iterations` overrides both. */
  samples?: Counts;
  /** Untimed operations first (default full 50, quick 10). */
  warmup?: Counts;
  /**
   * For a case whose operation runs another process (a CLI, say): that process's peak RSS in bytes,
   * read once the samples are done. It then stands as the case's peak RSS (rssScope `driven`),
   * in place of the harness's own.
   */
  drivenPeakRss?: (state: S) => number | undefined;
}

export interface MicroCaseDef extends CaseCommon {
  /** A synchronous function benchmark.js calls in timed cycles. */
  fn: () => void;
  reference?: { name: string; fn: () => void };
  /** benchmark.js maxTime in seconds per function (default full 2, quick 0.3). */
  maxTime?: Counts;
  /** benchmark.js minSamples (default full 20, quick 5); `--iterations` overrides both. */
  minSamples?: Counts;
}

export interface MeasureContext {
  quick: boolean;
  /** Overrides the case's iteration / sample count when set. */
  iterations?: number;
  /** Records the current RSS; the case's peak is the highest recorded. Cheap: call between iterations. */
  sampleRss: () => void;
}

/** Raw cost samples in nanoseconds per item (throughput) or per operation (latency, micro). */
export interface Measured {
  caseNs: number[];
  reference?: { name: string; samplesNs: number[] };
  /** Operations per second as benchmark.js computed them (micro cases); else derived from the mean. */
  perSecond?: { case: number; reference?: number };
  rssGrowth?: RssGrowth;
  /** Peak RSS of the process the case drives (LatencyCaseDef.drivenPeakRss). */
  drivenPeakRssBytes?: number;
}

/** A case with its type parameter erased: what runSuite runs. */
export interface BenchCase {
  name: string;
  kind: CaseKind;
  unit: string;
  goals: Goal[];
  isolate: boolean;
  hasReference: boolean;
  /** Whether the result carries `rssGrowth` (throughput cases with the rssGrowth option). */
  measuresRssGrowth?: boolean;
  measure: (ctx: MeasureContext) => Promise<Measured>;
}

export interface Suite {
  name: string;
  description: string;
  cases: BenchCase[];
}

export function defineSuite(suite: { name: string; description: string; cases: BenchCase[] }): Suite {
  const seen = new Set<string>();
  for (const c of suite.cases) {
    if (seen.has(c.name)) throw new Error(`suite ${suite.name} has two cases named "${c.name}". Give each case its own name`);
    seen.add(c.name);
  }
  return { ...suite, cases: [...suite.cases] };
}

export function goalsOf(def: CaseCommon, unit: string, hasReference: boolean, measuresRssGrowth = false): Goal[] {
  const goals = (def.goals ?? []).map(parseGoal);
  for (const g of goals) checkGoalFits(g, { name: def.name, unit, hasReference, measuresRssGrowth });
  return goals;
}

export function countOf(ctx: MeasureContext, counts: Counts | undefined, fallback: Counts): number {
  const c = counts ?? fallback;
  return ctx.quick ? c.quick : c.full;
}
