import type { Command } from 'commander';
import { globalsOf } from '../globals';

export function registerDocsAudit(program: Command) {
  program
    .command('docs-audit')
    .description('check that every rustybt command line in markdown docs exists with those flags and values')
    .argument('[paths...]', 'markdown files or folders (default: README.md, docs/, and libs/apps/tools READMEs)')
    .option('--output <file>', 'also write the report (JSON with --json, else text) to a file')
    .action(async (paths: string[], opts: { output?: string }, cmd: Command) => {
      const { runDocsAudit } = await import('../docs-audit/run-docs-audit');
      process.exitCode = await runDocsAudit(program, paths, { json: globalsOf(cmd).json, ...(opts.output ? { output: opts.output } : {}) });
    });
}
