import { evaluateGoal } from './goals';
import type { CaseResult, Series, SuiteResult } from './result-schema';
import { summarize } from './stats';
import type { BenchCase, Measured, Suite } from './suite';

export interface RunOptions {
  /** Fewer iterations and shorter micro cycles, for CI. */
  quick?: boolean;
  /** Overrides every case's iteration / sample count. */
  iterations?: number;
  /** Only these case names (default: all). */
  cases?: string[];
  /**
   * Runs one isolated case in a child process and resolves to its result (see spawnCase and
   * runCaseInChild). Without it, cases that ask for isolation run in this process and their
   * RSS is reported with scope `process`.
   */
  runIsolated?: (suite: Suite, kase: BenchCase) => Promise<CaseResult>;
  /** Called after each case, e.g. to print progress. */
  onCase?: (result: CaseResult) => void;
}

export function seriesOf(name: string, samplesNs: number[], perSecond?: number): Series {
  const statsNs = summarize(samplesNs);
  return { name, samplesNs, statsNs, perSecond: perSecond ?? (statsNs.mean > 0 ? 1e9 / statsNs.mean : 0) };
}

/** Turns raw samples into a case result: statistics, reference ratio, goals. */
export function caseResultOf(kase: BenchCase, measured: Measured, peakRssBytes: number, rssScope: CaseResult['rssScope']): CaseResult {
  if (measured.caseNs.length === 0) throw new Error(`case ${kase.name} produced no samples. Give it at least one iteration`);
  const series = seriesOf(kase.name, measured.caseNs, measured.perSecond?.case);
  const reference = measured.reference ? seriesOf(measured.reference.name, measured.reference.samplesNs, measured.perSecond?.reference) : undefined;
  const ratio = reference && reference.statsNs.median > 0 ? series.statsNs.median / reference.statsNs.median : undefined;
  const base = {
    name: kase.name,
    kind: kase.kind,
    unit: kase.unit,
    case: series,
    ...(reference ? { reference } : {}),
    ...(ratio !== undefined ? { ratio } : {}),
    peakRssBytes,
    rssScope,
    ...(measured.rssGrowth ? { rssGrowth: measured.rssGrowth } : {}),
  };
  return { ...base, goals: kase.goals.map((g) => evaluateGoal(g, base)) };
}

/** Measures one case in this process. */
export async function runCaseHere(kase: BenchCase, options: Pick<RunOptions, 'quick' | 'iterations'>, rssScope: 'child' | 'process'): Promise<CaseResult> {
  let peak = process.memoryUsage.rss();
  const sampleRss = () => {
    const rss = process.memoryUsage.rss();
    if (rss > peak) peak = rss;
  };
  const measured = await kase.measure({
    quick: options.quick ?? false,
    ...(options.iterations !== undefined ? { iterations: options.iterations } : {}),
    sampleRss,
  });
  sampleRss();
  // In a child of its own, the kernel's high-water mark is the true peak of this case.
  if (measured.drivenPeakRssBytes !== undefined) return caseResultOf(kase, measured, measured.drivenPeakRssBytes, 'driven');
  const peakRssBytes = rssScope === 'child' ? Math.max(peak, process.resourceUsage().maxRSS * 1024) : peak;
  return caseResultOf(kase, measured, peakRssBytes, rssScope);
}

export async function runSuite(suite: Suite, options: RunOptions = {}): Promise<SuiteResult> {
  const wanted = options.cases;
  if (wanted) {
    const unknown = wanted.filter((n) => !suite.cases.some((c) => c.name === n));
    if (unknown.length > 0)
      throw new Error(`suite ${suite.name} has no case ${unknown.map((n) => `"${n}"`).join(', ')}. Its cases: ${suite.cases.map((c) => c.name).join(', ')}`);
  }
  const cases: CaseResult[] = [];
  for (const kase of suite.cases) {
    if (wanted && !wanted.includes(kase.name)) continue;
    const result = kase.isolate && options.runIsolated ? await options.runIsolated(suite, kase) : await runCaseHere(kase, options, 'process');
    cases.push(result);
    options.onCase?.(result);
  }
  return { name: suite.name, cases };
}
