import type { Status, Verdict } from './ids';

/** The part of a validator result the rules look at. */
export interface StatusTree {
  status: Status;
  checks: readonly { status: Status }[];
}

const SEVERITY: Record<Exclude<Status, 'SKIP'>, number> = { PASS: 0, WARN: 1, FAIL: 2 };

/**
 * A validator's status: the worst of its checks (FAIL > WARN > PASS). SKIPs are ignored beside a
 * real result; all SKIP (or no checks at all) is SKIP.
 */
export function worstStatus(statuses: Iterable<Status>): Status {
  let worst: Status = 'SKIP';
  for (const s of statuses) {
    if (s === 'SKIP') continue;
    if (worst === 'SKIP' || SEVERITY[s] > SEVERITY[worst]) worst = s;
  }
  return worst;
}

export function statusOfChecks(checks: readonly { status: Status }[]): Status {
  return worstStatus(checks.map((c) => c.status));
}

/**
 * The run's verdict. A SKIP anywhere (a validator or a single check) is a caveat: something was not
 * verified, so the run can be ready with caveats at best.
 */
export function verdictOf(validators: readonly StatusTree[]): Verdict {
  const all: Status[] = validators.flatMap((v) => [v.status, ...v.checks.map((c) => c.status)]);
  if (all.includes('FAIL')) return 'not-ready';
  if (all.includes('WARN') || all.includes('SKIP')) return 'ready-with-caveats';
  return 'ready';
}

/** Exit code of `rustybt validate` for a verdict: 0 ready (WARNs allowed), 1 not ready. */
export function exitCodeOf(verdict: Verdict): 0 | 1 {
  return verdict === 'not-ready' ? 1 : 0;
}

export type StatusCounts = Record<Status, number>;

export function countStatuses(statuses: Iterable<Status>): StatusCounts {
  const counts: StatusCounts = { PASS: 0, WARN: 0, FAIL: 0, SKIP: 0 };
  for (const s of statuses) counts[s] += 1;
  return counts;
}

/** Counts of checks over the whole result, and of validators. */
export function summaryCounts(result: { validators: readonly StatusTree[] }): { validators: StatusCounts; checks: StatusCounts } {
  return {
    validators: countStatuses(result.validators.map((v) => v.status)),
    checks: countStatuses(result.validators.flatMap((v) => v.checks.map((c) => c.status))),
  };
}

export const VERDICT_LABELS: Readonly<Record<Verdict, string>> = {
  ready: 'Ready',
  'ready-with-caveats': 'Ready with caveats',
  'not-ready': 'Not ready',
};
