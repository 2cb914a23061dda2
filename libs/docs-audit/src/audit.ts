import { readFile } from 'node:fs/promises';
import { relative } from 'node:path';
import { checkInvocation, type Finding } from './check';
import type { CommandSpec } from './cli-spec-schema';
import { extractInvocations } from './extract';

export interface AuditReport {
  files: number;
  invocations: number;
  findings: Finding[];
}

export interface AuditOptions {
  /** Paths are reported relative to this folder. */
  cwd?: string;
  /** Prefixes that start a command line of this CLI besides its own name, e.g. `python -m rustybt`. */
  programs?: readonly string[];
}

/** Audits markdown files against a CLI spec: every documented command line must parse. */
export async function auditFiles(paths: readonly string[], spec: CommandSpec, options: AuditOptions = {}): Promise<AuditReport> {
  const programs = [spec.name, ...(options.programs ?? [])];
  const report: AuditReport = { files: 0, invocations: 0, findings: [] };
  for (const path of paths) {
    const text = await readFile(path, 'utf8');
    const shown = options.cwd ? relative(options.cwd, path) : path;
    const invocations = extractInvocations(shown, text, programs);
    report.files++;
    report.invocations += invocations.length;
    for (const inv of invocations) report.findings.push(...checkInvocation(inv, spec));
  }
  return report;
}

export function formatReport(report: AuditReport): string {
  const lines = report.findings.map((f) => `${f.file}:${f.line}: ${f.problem}\n    ${f.text}`);
  lines.push(
    `${report.findings.length === 0 ? 'PASS' : 'FAIL'}: ${report.invocations} command lines in ${report.files} files, ${report.findings.length} problems`,
  );
  return lines.join('\n');
}
