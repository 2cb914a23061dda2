import type { BenchmarkOptions, CompareOptions } from '../bench/benchmark-options';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { availableSuites } from '../bench/suites/index';

function positiveInt(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number >= 1');
  return n;
}

function percent(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n <= 0 || n >= 100) throw new InvalidArgumentError('expected a percentage between 0 and 100, e.g. 20');
  return n;
}

export function registerBenchmark(program: Command) {
  const suites = availableSuites();
  const bench = program
    .command('benchmark')
    .description('measure speed against goals and references; compare with a baseline (exit 1 on a regression)')
    .addOption(
      new Option('--suite <name>', `suite to run: ${suites.map((s) => `${s.name} (${s.description})`).join('; ')}; or all`).choices([
        ...suites.map((s) => s.name),
        'all',
      ]),
    )
    .option('--iterations <n>', 'iterations or samples per case (overrides the suite defaults)', positiveInt)
    .option('--quick', 'fewer iterations and shorter cycles (for CI)', false)
    .option('--output <file>', 'write the result file (JSON; a later --baseline), or with compare the comparison')
    .option('--baseline <file>', 'compare with a saved result file and exit 1 on a regression beyond --threshold')
    .option('--threshold <percent>', 'change that counts as a regression or improvement, in percent', percent, 20)
    .action(async (opts: BenchmarkOptions, cmd: Command) => {
      const { runBenchmark } = await import('../bench/run-benchmark');
      await runBenchmark(opts, cmd);
    });
  bench
    .command('compare')
    .description('compare two saved result files case by case (exit 1 on a regression beyond --threshold)')
    .argument('<base>', 'baseline result file')
    .argument('<head>', 'current result file')
    // --threshold and --output are benchmark's own options (commander hands them to the parent wherever they stand).
    .configureHelp({ showGlobalOptions: true })
    .action(async (base: string, head: string, _opts: unknown, cmd: Command) => {
      const { compareFiles } = await import('../bench/compare-files');
      compareFiles(base, head, cmd.optsWithGlobals<CompareOptions>(), cmd);
    });
  // The child side of cases that run in a process of their own (peak RSS per case). --suite,
  // --quick and --iterations are benchmark's own options, as for compare.
  bench
    .command('run-case', { hidden: true })
    .requiredOption('--case <name>')
    .action(async (_opts: unknown, cmd: Command) => {
      const { runIsolatedCase } = await import('../bench/run-benchmark');
      await runIsolatedCase(cmd.optsWithGlobals<BenchmarkOptions & { case: string }>());
    });
}
