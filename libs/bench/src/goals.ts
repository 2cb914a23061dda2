import type { CaseResult, GoalResult } from './result-schema';

/**
 * A speed goal written as text, e.g. `>= 1e6 bars/s`, `p99 <= 200us`, `ratio <= 2`, `rme <= 5%`,
 * `rss <= 256MB`, `rss-growth <= 10%`. Parsed when the suite is defined, so a typo fails before anything is measured.
 */
export interface Goal {
  text: string;
  metric: 'perSecond' | 'min' | 'median' | 'mean' | 'p95' | 'p99' | 'max' | 'ratio' | 'rme' | 'rss' | 'rssGrowth';
  op: '<=' | '<' | '>=' | '>';
  /** Threshold in the metric's base unit: items/s, nanoseconds, times, percent (rme, RSS growth), bytes. */
  value: number;
  /** For perSecond goals: the unit named in the goal ("bars"); must match the case's unit or be "ops". */
  unit?: string;
}

const OP = '(<=|<|>=|>)';
const NUM = '([0-9]*\\.?[0-9]+(?:e[+-]?[0-9]+)?)';
const TIME_UNITS: Record<string, number> = { ns: 1, us: 1e3, µs: 1e3, ms: 1e6, s: 1e9 };
const SIZE_UNITS: Record<string, number> = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 };

export function parseGoal(text: string): Goal {
  const t = text.trim();
  let m = new RegExp(`^${OP}\\s*${NUM}\\s*([A-Za-z_-]+)/s$`, 'i').exec(t);
  if (m) return { text: t, metric: 'perSecond', op: m[1] as Goal['op'], value: Number(m[2]), unit: m[3]! };
  m = new RegExp(`^(min|median|p50|mean|p95|p99|max)\\s*${OP}\\s*${NUM}\\s*(ns|us|µs|ms|s)$`, 'i').exec(t);
  if (m) {
    const metric = m[1]!.toLowerCase() === 'p50' ? 'median' : (m[1]!.toLowerCase() as Goal['metric']);
    return { text: t, metric, op: m[2] as Goal['op'], value: Number(m[3]) * TIME_UNITS[m[4]!.toLowerCase() === 'µs' ? 'µs' : m[4]!.toLowerCase()]! };
  }
  m = new RegExp(`^ratio\\s*${OP}\\s*${NUM}\\s*x?$`, 'i').exec(t);
  if (m) return { text: t, metric: 'ratio', op: m[1] as Goal['op'], value: Number(m[2]) };
  m = new RegExp(`^rme\\s*${OP}\\s*${NUM}\\s*%$`, 'i').exec(t);
  if (m) return { text: t, metric: 'rme', op: m[1] as Goal['op'], value: Number(m[2]) };
  m = new RegExp(`^rss[ -]growth\\s*${OP}\\s*${NUM}\\s*%$`, 'i').exec(t);
  if (m) return { text: t, metric: 'rssGrowth', op: m[1] as Goal['op'], value: Number(m[2]) };
  m = new RegExp(`^rss\\s*${OP}\\s*${NUM}\\s*(b|kb|mb|gb)$`, 'i').exec(t);
  if (m) return { text: t, metric: 'rss', op: m[1] as Goal['op'], value: Number(m[2]) * SIZE_UNITS[m[3]!.toLowerCase()]! };
  throw new Error(
    `cannot read goal "${text}". Write one of: ">= 1e6 bars/s", "p99 <= 200us" (min|median|p95|p99|max|mean; ns|us|ms|s), "ratio <= 2", "rme <= 5%", "rss <= 256MB", "rss-growth <= 10%"`,
  );
}

/** The measured value a goal is about, or undefined when the case has none (e.g. a ratio without a reference). */
export function goalActual(goal: Goal, result: Omit<CaseResult, 'goals'>): number | undefined {
  switch (goal.metric) {
    case 'perSecond':
      return result.case.perSecond;
    case 'ratio':
      return result.ratio;
    case 'rme':
      return result.case.statsNs.rme;
    case 'rss':
      return result.peakRssBytes;
    case 'rssGrowth':
      return result.rssGrowth?.percent;
    default:
      return result.case.statsNs[goal.metric];
  }
}

export function evaluateGoal(goal: Goal, result: Omit<CaseResult, 'goals'>): GoalResult {
  const actual = goalActual(goal, result);
  if (actual === undefined) {
    const needs = goal.metric === 'rssGrowth' ? 'an RSS growth measurement (the rssGrowth option)' : 'a reference case';
    throw new Error(`goal "${goal.text}" of case ${result.name} needs ${needs}. Add it or drop the goal`);
  }
  const met = goal.op === '<=' ? actual <= goal.value : goal.op === '<' ? actual < goal.value : goal.op === '>=' ? actual >= goal.value : actual > goal.value;
  return { goal: goal.text, actual, met };
}

/** Checks at definition time that a goal can apply to a case of this kind and unit. */
export function checkGoalFits(goal: Goal, kase: { name: string; unit: string; hasReference: boolean; measuresRssGrowth?: boolean }): void {
  if (goal.metric === 'perSecond' && goal.unit !== kase.unit && goal.unit !== 'ops') {
    throw new Error(`goal "${goal.text}" of case ${kase.name} counts ${goal.unit}/s but the case measures ${kase.unit}. Use ${kase.unit}/s`);
  }
  if (goal.metric === 'ratio' && !kase.hasReference) {
    throw new Error(`goal "${goal.text}" of case ${kase.name} needs a reference case. Add a reference or drop the goal`);
  }
  if (goal.metric === 'rssGrowth' && !kase.measuresRssGrowth) {
    throw new Error(
      `goal "${goal.text}" of case ${kase.name} needs an RSS growth measurement. Give the case the rssGrowth option (throughput cases) or drop the goal`,
    );
  }
}
