import { readFile } from 'node:fs/promises';
import { relative } from 'node:path';
import { checkInvocation, type Finding } from './check';
import type { CommandSpec } from './cli-spec-schema';
import { extractInvocations } from './extract';
import { checkErrorLines, extractErrorLines, formatErrorLineReport, type ErrorLineIndex, type ErrorLineReport } from './error-lines';

export interface AuditReport {
  files: number;
  invocations: number;
  findings: Finding[];
  /** The quoted `error: ...` lines and those the code cannot print; absent when the files quote none. */
  errorLines?: ErrorLineReport;
}

export interface AuditOptions {
  /** Paths are reported relative to this folder. */
  cwd?: string;
  /** Prefixes that start a command line of this CLI besides its own name, e.g. `python -m rustybt`. */
  programs?: readonly string[];
  /**
   * The sources' literals, to check that every quoted `error: ...` line is one the code prints; or
   * why they are not at hand (the lines are then counted and reported as not checked).
   */
  errorLines?: ErrorLineIndex | { skipped: string };
}

/** Audits markdown files against a CLI spec: every documented command line must parse. */
export async function auditFiles(paths: readonly string[], spec: CommandSpec, options: AuditOptions = {}): Promise<AuditReport> {
  const programs = [spec.name, ...(options.programs ?? [])];
  const report: AuditReport = { files: 0, invocations: 0, findings: [] };
  const errors: ErrorLineReport = { lines: 0, findings: [] };
  const index = options.errorLines && !('skipped' in options.errorLines) ? options.errorLines : undefined;
  for (const path of paths) {
    const text = await readFile(path, 'utf8');
    const shown = options.cwd ? relative(options.cwd, path) : path;
    const invocations = extractInvocations(shown, text, programs);
    report.files++;
    report.invocations += invocations.length;
    for (const inv of invocations) report.findings.push(...checkInvocation(inv, spec));
    const quoted = options.errorLines ? extractErrorLines(shown, text) : [];
    errors.lines += quoted.length;
    if (index) errors.findings.push(...checkErrorLines(quoted, index));
  }
  if (errors.lines > 0) report.errorLines = options.errorLines && 'skipped' in options.errorLines ? { ...errors, skipped: options.errorLines.skipped } : errors;
  return report;
}

/** Problems found by the static audit: wrong command lines and quoted error lines the code cannot print. */
export const auditProblems = (report: AuditReport) => report.findings.length + (report.errorLines?.findings.length ?? 0);

export function formatReport(report: AuditReport): string {
  const lines = report.findings.map((f) => `${f.file}:${f.line}: ${f.problem}\n    ${f.text}`);
  lines.push(
    `${report.findings.length === 0 ? 'PASS' : 'FAIL'}: ${report.invocations} command lines in ${report.files} files, ${report.findings.length} problems`,
  );
  if (report.errorLines) lines.push(formatErrorLineReport(report.errorLines, report.files));
  return lines.join('\n');
}
