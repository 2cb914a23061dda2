import { type Command, InvalidArgumentError } from 'commander';
import { globalsOf } from '../globals';

function seconds(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('expected a number of seconds above 0');
  return n;
}

const collect = (value: string, previous: string[]) => [...previous, value];

export function registerDocsAudit(program: Command) {
  program
    .command('docs-audit')
    .description(
      'check that every rustybt command line in markdown docs exists with those flags and values; with --run, also run their console examples and compare the output',
    )
    .argument('[paths...]', 'markdown files or folders (default: README.md, docs/, and libs/apps/tools READMEs)')
    .option(
      '--run',
      "also run each file's console blocks in a fresh RUSTYBT_HOME and working folder against this CLI (exit 1 when an output or exit code differs)",
    )
    .option('--timeout <seconds>', 'with --run: longest time one command may take', seconds, 60)
    .option('--program <prefix>', "another prefix that starts a rustybt command line, e.g. 'python -m rustybt' (repeatable)", collect, [])
    .option('--output <file>', 'also write the report (JSON with --json, else text) to a file')
    .action(async (paths: string[], opts: { output?: string; run?: boolean; timeout: number; program: string[] }, cmd: Command) => {
      const { runDocsAudit } = await import('../docs-audit/run-docs-audit');
      process.exitCode = await runDocsAudit(program, paths, {
        json: globalsOf(cmd).json,
        run: opts.run === true,
        timeoutSeconds: opts.timeout,
        programs: opts.program,
        ...(opts.output ? { output: opts.output } : {}),
      });
    });
}
