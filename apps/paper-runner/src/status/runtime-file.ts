import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '@rustybt/ops';
import { z } from 'zod';

/**
 * `<state>/<session>.run.json`: where a running runner answers, so `rustybt status` asks the live
 * process (its figures are newer than the last commit in the state file). Removed on a clean stop;
 * after a crash it is stale and the endpoint simply does not answer.
 */
const runtimeSchema = z.object({ pid: z.number().int(), url: z.string(), startedAt: z.number() });
export type RuntimeInfo = z.infer<typeof runtimeSchema>;

export const runtimeFilePath = (stateDir: string, session: string) => join(stateDir, `${session}.run.json`);

export function writeRuntimeFile(path: string, info: RuntimeInfo): void {
  // 0600 even over a file an older version left 0644: it names the process and its endpoint.
  writeFileAtomic(path, `${JSON.stringify(info)}\n`, { mode: 0o600 });
}

export function readRuntimeFile(path: string): RuntimeInfo | undefined {
  if (!existsSync(path)) return undefined;
  try {
    const parsed = runtimeSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export function removeRuntimeFile(path: string): void {
  rmSync(path, { force: true });
}
