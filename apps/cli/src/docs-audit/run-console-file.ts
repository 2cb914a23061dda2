import { join } from 'node:path';
import { judgeCommand, type ConsoleBlock, type FileRunResult } from '@rustybt/docs-audit';
import { execCommand, killGroup } from './exec-command';
import { createSandbox } from './sandbox';

export interface RunFileOptions {
  docsRoot: string;
  timeoutMs: number;
}

/**
 * Runs every console block of one file in order in one sandbox: the commands share its
 * RUSTYBT_HOME and working folder (files one command writes, the next can read), not shell
 * variables. The sandbox and anything left running are gone when this resolves.
 */
export async function runConsoleFile(file: string, blocks: readonly ConsoleBlock[], opts: RunFileOptions): Promise<FileRunResult> {
  const result: FileRunResult = { file, commands: [], problems: blocks.flatMap((b) => b.problems) };
  const sandbox = createSandbox(opts.docsRoot);
  const groups: (number | undefined)[] = [];
  const stop = () => {
    groups.forEach(killGroup);
    sandbox.dispose();
  };
  const onSignal = (signal: NodeJS.Signals) => {
    stop();
    process.kill(process.pid, signal);
  };
  process.once('SIGINT', onSignal).once('SIGTERM', onSignal);
  try {
    let n = 0;
    for (const cmd of blocks.flatMap((b) => b.commands)) {
      const outputFile = join(sandbox.root, `output-${++n}.txt`);
      const { run, pid } = await execCommand(cmd.command, { cwd: sandbox.work, env: sandbox.env, timeoutMs: opts.timeoutMs, outputFile });
      groups.push(pid);
      result.commands.push(judgeCommand(cmd, run));
    }
  } finally {
    process.off('SIGINT', onSignal).off('SIGTERM', onSignal);
    stop();
  }
  return result;
}
