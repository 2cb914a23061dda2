import type { ConsoleCommand } from './console-blocks';
import { formatDiff, matchOutput, type DiffLine } from './output-match';

/** What running one command did: its exit code (null when killed), merged output, whether it ran out of time. */
export interface CommandRun {
  exitCode: number | null;
  output: string;
  timedOut: boolean;
  /** The output was longer than the runner keeps; what is kept is its beginning. */
  truncated: boolean;
}

export interface CommandResult extends CommandRun {
  line: number;
  command: string;
  expectedExitCode: number;
  ok: boolean;
  diff: DiffLine[];
}

export interface FileRunResult {
  file: string;
  commands: CommandResult[];
  problems: { line: number; problem: string }[];
}

export interface RunReport {
  files: FileRunResult[];
  timeoutSeconds: number;
}

/** Judges one run against its documented output and exit code. */
export function judgeCommand(cmd: ConsoleCommand, run: CommandRun): CommandResult {
  const match = matchOutput(cmd.expected, run.output);
  const ok = match.ok && !run.timedOut && run.exitCode === cmd.expectedExitCode;
  return { line: cmd.line, command: cmd.command, expectedExitCode: cmd.expectedExitCode, ...run, ok, diff: match.diff };
}

export const runFailures = (report: RunReport) => report.files.reduce((n, f) => n + f.problems.length + f.commands.filter((c) => !c.ok).length, 0);

/** Each failed command with why and a line-marked diff, then one summary line. */
export function formatRunReport(report: RunReport): string {
  const lines: string[] = [];
  let commands = 0;
  for (const file of report.files) {
    commands += file.commands.length;
    for (const p of file.problems) lines.push(`${file.file}:${p.line}: ${p.problem}`);
    for (const c of file.commands.filter((r) => !r.ok)) lines.push(...failure(file.file, c, report.timeoutSeconds));
  }
  const failed = runFailures(report);
  const withBlocks = report.files.filter((f) => f.commands.length > 0 || f.problems.length > 0).length;
  lines.push(`${failed === 0 ? 'PASS' : 'FAIL'}: ${commands} console commands in ${withBlocks} files, ${failed} failed`);
  return lines.join('\n');
}

function failure(file: string, c: CommandResult, timeoutSeconds: number): string[] {
  const lines = [`${file}:${c.line}: $ ${c.command}`];
  if (c.timedOut) lines.push(`    timed out after ${timeoutSeconds} s (--timeout)`);
  else if (c.exitCode !== c.expectedExitCode) lines.push(`    exit code ${c.exitCode}, expected ${c.expectedExitCode}`);
  if (c.diff.some((d) => d.kind === 'missing' || d.kind === 'extra')) {
    lines.push(`    output${c.timedOut ? ' until then' : ''} (- expected, + actual, ~ taken by ...):`, formatDiff(c.diff, '      '));
  }
  if (c.truncated) lines.push('    (output truncated: the runner kept its beginning)');
  return lines;
}
