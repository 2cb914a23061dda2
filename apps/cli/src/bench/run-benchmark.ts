import type { Command } from 'commander';
import {
  compare,
  createResultFile,
  formatCase,
  formatComparison,
  formatMachine,
  machineInfo,
  readResultFile,
  runCaseInChild,
  runSuite,
  serializeResultFile,
  spawnCase,
  type SuiteResult,
} from '@rustybt/bench';
import { writeFileAtomic } from '@rustybt/ops';
import type { BenchmarkOptions } from './benchmark-options';
import { CliError } from '../errors';
import { globalsOf } from '../globals';
import { cliBinPath, cliCommit } from './cli-bin';
import { loadSuites } from './load-suites';

export async function runBenchmark(opts: BenchmarkOptions, cmd: Command): Promise<void> {
  const { json } = globalsOf(cmd);
  const suites = await loadSuites(opts.suite);
  // Read the baseline first: a bad file should fail before minutes of measuring.
  const baseline = opts.baseline ? readResultFile(opts.baseline) : undefined;
  if (baseline && !baseline.suites.some((b) => suites.some((s) => s.name === b.name))) {
    throw new CliError(
      `${opts.baseline} holds suite(s) ${baseline.suites.map((s) => s.name).join(', ')}, not ${suites.map((s) => s.name).join(', ')}. Pass a baseline of the same suite`,
    );
  }
  const bin = cliBinPath();
  const runOptions = { quick: opts.quick, ...(opts.iterations !== undefined ? { iterations: opts.iterations } : {}) };
  const machine = machineInfo({ commit: cliCommit() });
  if (!json) process.stdout.write(`${formatMachine(machine, opts.quick)}\n`);
  const results: SuiteResult[] = [];
  for (const suite of suites) {
    if (!json) process.stdout.write(`\n${suite.name}: ${suite.description}\n`);
    results.push(
      await runSuite(suite, {
        ...runOptions,
        runIsolated: (s, kase) => {
          const args = [
            bin,
            'benchmark',
            '--suite',
            s.name,
            'run-case',
            '--case',
            kase.name,
            ...(opts.quick ? ['--quick'] : []),
            ...(opts.iterations !== undefined ? ['--iterations', String(opts.iterations)] : []),
          ];
          return spawnCase(process.execPath, args);
        },
        onCase: (c) => {
          if (!json) process.stdout.write(`${formatCase(c)}\n`);
        },
      }),
    );
  }
  const file = createResultFile(results, { quick: opts.quick, machine });
  if (opts.output) writeFileAtomic(opts.output, serializeResultFile(file));
  const comparison = baseline ? compare(baseline, file, { threshold: opts.threshold / 100, names: { base: opts.baseline!, head: 'this run' } }) : undefined;
  if (json) {
    process.stdout.write(`${JSON.stringify(comparison ? { result: file, comparison } : file, null, 2)}\n`);
  } else {
    const missed = file.suites.flatMap((s) => s.cases.flatMap((c) => c.goals.filter((g) => !g.met)));
    const goals = file.suites.flatMap((s) => s.cases.flatMap((c) => c.goals));
    const lines: string[] = [];
    if (goals.length > 0) lines.push(`\ngoals: ${goals.length - missed.length} of ${goals.length} met`);
    if (opts.output) lines.push(`result written to ${opts.output}`);
    if (comparison) lines.push('', `compared with ${opts.baseline}:`, formatComparison(comparison));
    process.stdout.write(`${lines.join('\n')}\n`);
  }
  if (comparison && comparison.regressions > 0) process.exitCode = 1;
}

export async function runIsolatedCase(opts: BenchmarkOptions & { case: string }): Promise<void> {
  const [suite] = await loadSuites(opts.suite);
  await runCaseInChild(suite!, opts.case, { quick: opts.quick, ...(opts.iterations !== undefined ? { iterations: opts.iterations } : {}) });
}
