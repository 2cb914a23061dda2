import { readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import type { Command } from 'commander';
import { auditFiles, auditProblems, extractConsoleBlocks, formatReport, formatRunReport, runFailures, type RunReport } from '@rustybt/docs-audit';
import { writeFileAtomic } from '@rustybt/ops';
import { describeCommand } from '../cli-spec';
import { CliError } from '../errors';
import { docFiles } from './doc-files';
import { errorLineIndex } from './error-line-sources';
import { runConsoleFile } from './run-console-file';

export interface DocsAuditOptions {
  json: boolean;
  output?: string;
  /** Also run the ```console blocks. */
  run: boolean;
  timeoutSeconds: number;
  programs: string[];
}

/**
 * Audits docs against this very program's command tree, and with --run executes their console
 * blocks; exit 1 when any documented line is wrong or any example fails.
 */
export async function runDocsAudit(program: Command, paths: string[], opts: DocsAuditOptions): Promise<number> {
  const cwd = process.cwd();
  const files = docFiles(cwd, paths);
  if (files.length === 0) throw new CliError(`no markdown files found under ${cwd}. Pass files or folders to audit`);
  const report = await auditFiles(files, describeCommand(program), { cwd, programs: opts.programs, errorLines: errorLineIndex() });
  const run = opts.run ? await runExamples(files, cwd, opts.timeoutSeconds) : undefined;
  const text = opts.json
    ? `${JSON.stringify(run ? { ...report, run } : report, null, 2)}\n`
    : `${formatReport(report)}\n${run ? `${formatRunReport(run)}\n` : ''}`;
  process.stdout.write(text);
  if (opts.output) writeFileAtomic(opts.output, text);
  return auditProblems(report) === 0 && (!run || runFailures(run) === 0) ? 0 : 1;
}

async function runExamples(files: readonly string[], cwd: string, timeoutSeconds: number): Promise<RunReport> {
  const report: RunReport = { files: [], timeoutSeconds };
  for (const path of files) {
    const shown = relative(cwd, path);
    const blocks = extractConsoleBlocks(shown, readFileSync(path, 'utf8'));
    if (blocks.length === 0) continue;
    report.files.push(await runConsoleFile(shown, blocks, { docsRoot: resolve(cwd), timeoutMs: timeoutSeconds * 1000 }));
  }
  return report;
}
