import { existsSync, readFileSync } from 'node:fs';
import { writeFileAtomic } from '@rustybt/ops';
import { z } from 'zod';

/** up: heartbeats on time; down: silent past --stale; stopped: the last word was a planned session_stop. */
export const watchStateSchema = z.object({
  state: z.enum(['up', 'down', 'stopped']),
  /** When this state began (epoch ms): for down, the last heartbeat. */
  since: z.number().int(),
  lastSeenAt: z.number().int(),
  checkedAt: z.number().int(),
});
export type WatchState = z.infer<typeof watchStateSchema>;

/** The last state of a watcher (`<state>/<session>.watch.json`); undefined when there is none or it is unreadable. */
export function readWatchState(path: string): WatchState | undefined {
  if (!existsSync(path)) return undefined;
  try {
    const parsed = watchStateSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** Owner-only, written whole (temp file, fsync, rename). */
export function writeWatchState(path: string, s: WatchState): void {
  writeFileAtomic(path, `${JSON.stringify(s)}\n`, { mode: 0o600 });
}
