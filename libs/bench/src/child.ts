import { spawn } from 'node:child_process';
import { caseResultSchema, type CaseResult } from './result-schema';
import { runCaseHere, type RunOptions } from './run-suite';
import type { Suite } from './suite';

/** The child prints its result as one line starting with this marker; anything else it prints is passed through. */
export const CHILD_RESULT_MARKER = '@@rustybt-bench-case ';

/**
 * The child side of an isolated case: measure it in this (fresh) process and print the result
 * line. The host program calls this from whatever entry point its launcher starts.
 */
export async function runCaseInChild(suite: Suite, caseName: string, options: Pick<RunOptions, 'quick' | 'iterations'>): Promise<void> {
  const kase = suite.cases.find((c) => c.name === caseName);
  if (!kase) throw new Error(`suite ${suite.name} has no case "${caseName}"`);
  const result = await runCaseHere(kase, options, 'child');
  process.stdout.write(`${CHILD_RESULT_MARKER}${JSON.stringify(result)}\n`);
}

/** The line of a child's stderr that says what went wrong: an `error: …` or `XxxError: …` line, else the last one that is not a stack frame. */
function errorLine(stderr: string): string | undefined {
  const lines = stderr
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('at '));
  return lines.find((l) => /^(error|\w*Error):/.test(l)) ?? lines[lines.length - 1];
}

/** Starts `command args…` (a process that ends in runCaseInChild) and resolves to the case result it prints. */
export function spawnCase(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<CaseResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const line = out.split('\n').find((l) => l.startsWith(CHILD_RESULT_MARKER));
      if (code !== 0 || !line) {
        const why = errorLine(err) ?? `exit code ${code}`;
        reject(new Error(`isolated case process failed (${why})`));
        return;
      }
      const parsed = caseResultSchema.safeParse(JSON.parse(line.slice(CHILD_RESULT_MARKER.length)));
      if (!parsed.success) reject(new Error(`isolated case process printed an invalid result: ${parsed.error.issues[0]?.message ?? 'unknown'}`));
      else resolve(parsed.data);
    });
  });
}
