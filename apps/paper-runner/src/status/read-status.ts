import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '@rustybt/ops';
import { checkSessionName, SESSION_NAME } from '../state/session-name';
import { SessionLock } from '../state/session-lock';
import { StateStore } from '../state/store';
import { statusFromStore, type StatusReport } from './report';
import { readRuntimeFile, runtimeFilePath } from './runtime-file';

export interface ReadStatusOptions {
  stateDir: string;
  session?: string;
  /** The runner's endpoint; default: the one the running session recorded. */
  url?: string;
  timeoutMs?: number;
}

/**
 * A session's status: from its live HTTP endpoint when it answers, else from its state file, opened
 * read-only (never migrated or written, so pointing it at any file changes nothing).
 */
export async function readSessionStatus(options: ReadStatusOptions): Promise<StatusReport> {
  const session = options.session !== undefined ? checkSessionName(options.session) : latestSession(options.stateDir);
  const stateFile = join(options.stateDir, `${session}.db`);
  const runtime = readRuntimeFile(runtimeFilePath(options.stateDir, session));
  const url = options.url ?? runtime?.url;
  if (url) {
    const live = await fetchStatus(url, options.timeoutMs ?? 2_000);
    if (live) return live;
  }
  if (!existsSync(stateFile)) {
    if (options.url) throw Object.assign(new Error(`the runner at ${options.url} does not answer and there is no state file ${stateFile}. Check the --url and --session`), { exitCode: 1 });
    throw new InputError(`no session '${session}' in ${options.stateDir}. ${describeSessions(options.stateDir)}`);
  }
  if (SessionLock.isHeld(stateFile)) {
    throw Object.assign(
      new Error(`session '${session}' is running (a runner holds its lock) but ${url ? `its endpoint ${url} does not answer` : 'it recorded no endpoint'}. Check the runner's logs, or pass --url`),
      { exitCode: 1 },
    );
  }
  const store = StateStore.openReadOnly(stateFile, { lockTimeoutMs: 200 });
  try {
    return statusFromStore(session, store);
  } finally {
    store.close();
  }
}

async function fetchStatus(url: string, timeoutMs: number): Promise<StatusReport | undefined> {
  try {
    const res = await fetch(`${url.replace(/\/+$/, '')}/status`, { signal: AbortSignal.timeout(timeoutMs) });
    if (!res.ok) return undefined;
    return (await res.json()) as StatusReport;
  } catch {
    return undefined;
  }
}

function sessions(stateDir: string): { name: string; mtime: number }[] {
  if (!existsSync(stateDir)) return [];
  return readdirSync(stateDir)
    .filter((f) => f.endsWith('.db') && SESSION_NAME.test(f.slice(0, -3)))
    .map((f) => {
      const base = join(stateDir, f);
      const mtimes = [base, `${base}-wal`].filter(existsSync).map((p) => statSync(p).mtimeMs);
      return { name: f.slice(0, -3), mtime: Math.max(...mtimes) };
    });
}

/** The most recently active session: the one someone asking "status?" most likely means. */
function latestSession(stateDir: string): string {
  const all = sessions(stateDir).sort((a, b) => b.mtime - a.mtime || a.name.localeCompare(b.name));
  if (all.length === 0) throw new InputError(`no paper-trading sessions in ${stateDir}. Start one with 'rustybt paper-trade --strategy <file>'`);
  return all[0]!.name;
}

function describeSessions(stateDir: string): string {
  const names = sessions(stateDir).map((s) => s.name).sort();
  return names.length ? `Sessions: ${names.join(', ')}` : "Start one with 'rustybt paper-trade --strategy <file>'";
}
