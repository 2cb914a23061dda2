import type { Command } from 'commander';
import { renderCliReference } from '@rustybt/docs-audit';
import { writeFileAtomic } from '@rustybt/ops';
import { describeCommand } from '../cli-spec';

/** How docs/cli.md is made again; its header names it, so a reader of a stale file knows. */
export const REGENERATE_REFERENCE = 'npm run docs:cli';

/** The command tree as JSON (for programs), or as the markdown reference docs/cli.md. */
export function runCliSpec(program: Command, opts: { markdown: boolean; output?: string }): void {
  const spec = describeCommand(program);
  const text = opts.markdown ? renderCliReference(spec, { regenerate: REGENERATE_REFERENCE }) : `${JSON.stringify(spec, null, 2)}\n`;
  if (opts.output) writeFileAtomic(opts.output, text);
  else process.stdout.write(text);
}
