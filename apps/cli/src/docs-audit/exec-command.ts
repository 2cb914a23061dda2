import { spawn } from 'node:child_process';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { constants } from 'node:os';
import type { CommandRun } from '@rustybt/docs-audit';

/** Output kept per command; a doc's expectation of more than this is not a doc. */
export const MAX_OUTPUT_BYTES = 1024 * 1024;

export interface ExecOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  timeoutMs: number;
  /** The file both stdout and stderr go to, so their lines interleave as on a terminal. */
  outputFile: string;
}

/**
 * Runs one command line with `bash -c` in its own process group, stdin from /dev/null. Resolves
 * when bash exits (background children it started may live on: the caller kills the group with
 * killGroup when the file's commands are done); a timeout kills the whole group.
 */
export function execCommand(command: string, opts: ExecOptions): Promise<{ run: CommandRun; pid: number | undefined }> {
  const fd = openSync(opts.outputFile, 'w+', 0o600);
  return new Promise((resolve) => {
    let timedOut = false;
    const child = spawn('bash', ['-c', command], { cwd: opts.cwd, env: opts.env, stdio: ['ignore', fd, fd], detached: true });
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child.pid);
    }, opts.timeoutMs);
    const finish = (exitCode: number | null, extra = '') => {
      clearTimeout(timer);
      const { output, truncated } = readOutput(fd);
      closeSync(fd);
      resolve({ run: { exitCode: timedOut ? null : exitCode, output: output + extra, timedOut, truncated }, pid: child.pid });
    };
    child.once('error', (err) => finish(127, `bash: ${err.message}\n`));
    child.once('exit', (code, signal) => finish(code ?? 128 + (signal ? (constants.signals[signal] ?? 0) : 0)));
  });
}

function readOutput(fd: number): { output: string; truncated: boolean } {
  const size = fstatSync(fd).size;
  const buffer = Buffer.alloc(Math.min(size, MAX_OUTPUT_BYTES));
  let read = 0;
  while (read < buffer.length) {
    const n = readSync(fd, buffer, read, buffer.length - read, read);
    if (n === 0) break;
    read += n;
  }
  return { output: buffer.subarray(0, read).toString('utf8'), truncated: size > MAX_OUTPUT_BYTES };
}

/** SIGKILL to a process group; a group already gone is fine. */
export function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // ESRCH: every process of the group has exited.
  }
}
