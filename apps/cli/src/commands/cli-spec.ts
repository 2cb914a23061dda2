import type { Command } from 'commander';

export function registerCliSpec(program: Command) {
  program
    .command('cli-spec', { hidden: true })
    .description('print the whole command tree (commands, options, arguments, choices) as JSON, or as the markdown CLI reference')
    .option('--markdown', 'the CLI reference (docs/cli.md) instead of JSON')
    .option('--output <file>', 'write it to this file (atomically) instead of stdout')
    .action(async (opts: { markdown?: boolean; output?: string }) => {
      // JSON whether or not --json is given: the only consumer is a program.
      const { runCliSpec } = await import('../docs-audit/run-cli-spec');
      runCliSpec(program, { markdown: opts.markdown === true, ...(opts.output ? { output: opts.output } : {}) });
    });
}
