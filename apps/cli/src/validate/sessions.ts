import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { sessionOfStateFile, StateStore } from '@rustybt/paper-runner';

/** Every session state file under the state folder, by name. */
export function sessionFiles(stateDir: string): { name: string; path: string }[] {
  if (!existsSync(stateDir)) return [];
  return readdirSync(stateDir)
    .filter((f) => sessionOfStateFile(f) !== undefined)
    .sort()
    .map((f) => ({ name: f.slice(0, -3), path: join(stateDir, f) }));
}

/** Opens a session read-only (never migrated, never written), runs fn, closes it. */
export function withStore<T>(path: string, fn: (store: StateStore) => T): T {
  const store = StateStore.openReadOnly(path, { lockTimeoutMs: 500 });
  try {
    return fn(store);
  } finally {
    store.close();
  }
}

/** The endpoint of a session whose last run has not stopped (running, or died without a stop). */
export function unstoppedRun(path: string): { pid: number; url: string | null; startedAt: number } | undefined {
  const last = withStore(path, (s) => s.runs().at(-1));
  if (!last || last.stopped_at !== null) return undefined;
  return { pid: last.pid, url: last.url, startedAt: last.started_at };
}
