import { comparabilityWarnings, pairCases } from './pairing';
import type { ResultFile } from './result-schema';

export type Verdict = 'regression' | 'improvement' | 'no change';

export interface CompareRow {
  suite: string;
  case: string;
  kind: string;
  unit: string;
  /** Median cost in ns per item/operation. */
  baseNs: number;
  headNs: number;
  /** head / base median cost: > 1 is slower. */
  ratio: number;
  verdict: Verdict;
}

export interface Comparison {
  threshold: number;
  rows: CompareRow[];
  onlyInBaseline: string[];
  onlyInCurrent: string[];
  warnings: string[];
  regressions: number;
}

export interface CompareOptions {
  /** Relative change that counts, e.g. 0.20 for 20%. */
  threshold?: number;
  names?: { base: string; head: string };
}

/**
 * Compares two single runs case by case on median cost. A single run on a shared machine can be
 * off by more than 20% on identical code, so this is a coarse check; the A/B gate (abGate) is the
 * honest one.
 */
export function compare(baseline: ResultFile, current: ResultFile, options: CompareOptions = {}): Comparison {
  const threshold = options.threshold ?? 0.2;
  const names = options.names ?? { base: 'baseline', head: 'current' };
  const { pairs, onlyInBase, onlyInHead } = pairCases(baseline.suites, current.suites, names);
  const rows = pairs.map((p): CompareRow => {
    const baseNs = p.base.case.statsNs.median;
    const headNs = p.head.case.statsNs.median;
    const ratio = baseNs > 0 ? headNs / baseNs : headNs > 0 ? Infinity : 1;
    const verdict: Verdict = ratio > 1 + threshold ? 'regression' : ratio < 1 - threshold ? 'improvement' : 'no change';
    return { suite: p.suite, case: p.name, kind: p.base.kind, unit: p.base.unit, baseNs, headNs, ratio, verdict };
  });
  return {
    threshold,
    rows,
    onlyInBaseline: onlyInBase,
    onlyInCurrent: onlyInHead,
    warnings: comparabilityWarnings(baseline, current),
    regressions: rows.filter((r) => r.verdict === 'regression').length,
  };
}
