import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { auditFiles, formatReport } from '@rustybt/docs-audit';
import { writeFileAtomic } from '@rustybt/ops';
import { describeCommand } from '../cli-spec';
import { CliError } from '../errors';

const SKIP_DIRS = new Set(['node_modules', 'dist', '.git', '.nx', 'coverage']);

/** Audits docs against this very program's command tree; exit 1 when any documented line is wrong. */
export async function runDocsAudit(program: Command, paths: string[], opts: { json: boolean; output?: string }): Promise<number> {
  const cwd = process.cwd();
  const files = paths.length > 0 ? paths.flatMap((p) => expand(resolve(cwd, p), true)) : defaultFiles(cwd);
  if (files.length === 0) throw new CliError(`no markdown files found under ${cwd}. Pass files or folders to audit`);
  const report = await auditFiles(files, describeCommand(program), { cwd });
  const text = opts.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatReport(report)}\n`;
  process.stdout.write(text);
  if (opts.output) writeFileAtomic(opts.output, text);
  return report.findings.length === 0 ? 0 : 1;
}

function defaultFiles(cwd: string): string[] {
  const files = [join(cwd, 'README.md'), ...expand(join(cwd, 'docs'), false)];
  for (const group of ['libs', 'apps', 'tools']) {
    const dir = join(cwd, group);
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir)) files.push(join(dir, name, 'README.md'));
  }
  return files.filter((f) => existsSync(f));
}

function expand(path: string, required: boolean): string[] {
  if (!existsSync(path)) {
    if (required) throw new CliError(`${path}: no such file or folder. Check the path`);
    return [];
  }
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path, { withFileTypes: true }).flatMap((entry) => {
    if (entry.isDirectory()) return SKIP_DIRS.has(entry.name) ? [] : expand(join(path, entry.name), false);
    return entry.name.endsWith('.md') ? [join(path, entry.name)] : [];
  });
}
