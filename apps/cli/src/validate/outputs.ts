import { extname } from 'node:path';
import type { Command } from 'commander';
import { writeFileAtomic } from '@rustybt/ops';
import { renderHtml, renderJson, renderMarkdown, type ValidationResult } from '@rustybt/validate';
import { CliError } from '../errors';
import { reportSections } from './report-sections';
import type { ValidateSetup } from './setup';

export type OutputKind = 'html' | 'md' | 'json';

/** The report format an --output path asks for, by its extension. */
export function outputKind(path: string): OutputKind {
  const ext = extname(path).toLowerCase();
  if (ext === '.html' || ext === '.htm') return 'html';
  if (ext === '.md' || ext === '.markdown') return 'md';
  if (ext === '.json') return 'json';
  throw new CliError(`--output ${path}: unknown report format '${ext || '(no extension)'}'. End the file name in .html, .md or .json`);
}

/** Writes the report whole, owner-only, atomically (a reader never sees half a report). */
export async function writeReport(path: string, result: ValidationResult, s: ValidateSetup, program: Command): Promise<void> {
  const kind = outputKind(path);
  const text =
    kind === 'json'
      ? renderJson(result)
      : kind === 'html'
        ? renderHtml(result)
        : renderMarkdown(result, { sections: await reportSections(s, result, program) });
  writeFileAtomic(path, text, { mode: 0o600 });
}
