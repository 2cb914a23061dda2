import { ResultFileError } from './result-file';
import type { CaseResult, ResultFile, SuiteResult } from './result-schema';

export interface CasePair {
  suite: string;
  name: string;
  base: CaseResult;
  head: CaseResult;
}

export interface Pairing {
  pairs: CasePair[];
  onlyInBase: string[];
  onlyInHead: string[];
}

const key = (suite: string, kase: string) => `${suite}/${kase}`;

function index(suites: SuiteResult[]): Map<string, { suite: string; result: CaseResult }> {
  const m = new Map<string, { suite: string; result: CaseResult }>();
  for (const s of suites) for (const c of s.cases) m.set(key(s.name, c.name), { suite: s.name, result: c });
  return m;
}

/**
 * Matches the cases of two runs by suite and case name. Cases of the same name that measure
 * different things (kind or unit), or two runs with nothing in common, cannot be compared.
 */
export function pairCases(base: SuiteResult[], head: SuiteResult[], names: { base: string; head: string }): Pairing {
  const b = index(base);
  const h = index(head);
  const pairs: CasePair[] = [];
  for (const [k, bv] of b) {
    const hv = h.get(k);
    if (!hv) continue;
    if (bv.result.kind !== hv.result.kind || bv.result.unit !== hv.result.unit) {
      throw new ResultFileError(
        `case ${k} is a ${bv.result.kind} case in ${bv.result.unit} in ${names.base} but a ${hv.result.kind} case in ${hv.result.unit} in ${names.head}. Compare results of the same suite version`,
      );
    }
    pairs.push({ suite: bv.suite, name: bv.result.name, base: bv.result, head: hv.result });
  }
  if (pairs.length === 0) {
    const list = (suites: SuiteResult[]) => suites.map((s) => s.name).join(', ');
    throw new ResultFileError(
      `${names.base} and ${names.head} have no case in common (suites ${list(base)} vs ${list(head)}). Compare results of the same suite`,
    );
  }
  return { pairs, onlyInBase: [...b.keys()].filter((k) => !h.has(k)), onlyInHead: [...h.keys()].filter((k) => !b.has(k)) };
}

/** Differences between the machines or modes of two files that make a plain comparison doubtful. */
export function comparabilityWarnings(base: ResultFile, head: ResultFile): string[] {
  const w: string[] = [];
  if (base.machine.cpuModel !== head.machine.cpuModel || base.machine.cores !== head.machine.cores) {
    w.push(`different machines (${base.machine.cpuModel} x${base.machine.cores} vs ${head.machine.cpuModel} x${head.machine.cores})`);
  }
  if (base.machine.nodeVersion !== head.machine.nodeVersion) w.push(`different Node versions (${base.machine.nodeVersion} vs ${head.machine.nodeVersion})`);
  if (base.quick !== head.quick) w.push(`one run used --quick and the other did not`);
  return w;
}
