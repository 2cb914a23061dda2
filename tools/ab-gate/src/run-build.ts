import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { readResultFile, type SuiteResult } from '@rustybt/bench';
import { GateError } from './gate-error';

export interface BenchmarkArgs {
  suite: string;
  quick: boolean;
  iterations?: number;
}

/** Runs `rustybt benchmark` of one built tree once and returns its suites. */
export function runBenchmarkOf(tree: string, label: string, args: BenchmarkArgs, output: string, home: string): SuiteResult[] {
  const bin = join(tree, 'apps', 'cli', 'bin', 'rustybt.js');
  const argv = [
    bin,
    'benchmark',
    '--suite',
    args.suite,
    '--output',
    output,
    ...(args.quick ? ['--quick'] : []),
    ...(args.iterations !== undefined ? ['--iterations', String(args.iterations)] : []),
  ];
  const r = spawnSync(process.execPath, argv, { encoding: 'utf8', env: { ...process.env, RUSTYBT_HOME: home, NO_COLOR: '1' }, maxBuffer: 1 << 26 });
  if (r.status !== 0) {
    const why = r.stderr.trim().split('\n')[0] || `exit code ${r.status}`;
    throw new GateError(`the ${label} build could not run 'rustybt benchmark --suite ${args.suite}' (${why}). Check that both revisions have that suite`);
  }
  return readResultFile(output).suites;
}
