import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '@rustybt/ops';
import { checkSessionName, sessionOfStateFile } from '../state/session-name';
import { SessionLock } from '../state/session-lock';
import { StateStore } from '../state/store';
import { readOutboxCounts } from '@rustybt/alerts';
import { outboxPathOf } from '../alerts/outbox-path';
import { statusFromStore, type StatusReport } from './report';
import { readRuntimeFile, runtimeFilePath } from './runtime-file';

export interface ReadStatusOptions {
  stateDir: string;
  session?: string;
  /** The runner's endpoint; default: the one the running session recorded. */
  url?: string;
  /** Bearer token for a runner whose /status needs one (RUSTYBT_API_TOKEN or --token). */
  token?: string;
  timeoutMs?: number;
}

/** Where a session's runner answers on this host: its name (given, else the latest) and the URL its run file records. */
export function sessionEndpoint(stateDir: string, session?: string): { session: string; url: string | undefined } {
  const name = session !== undefined ? checkSessionName(session) : latestSession(stateDir);
  return { session: name, url: readRuntimeFile(runtimeFilePath(stateDir, name))?.url };
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
    const live = await fetchStatus(url, options.timeoutMs ?? 2_000, options.token);
    if (live) return withAlerts(live, stateFile);
  }
  if (!existsSync(stateFile)) {
    if (options.url)
      throw Object.assign(new Error(`the runner at ${options.url} does not answer and there is no state file ${stateFile}. Check the --url and --session`), {
        exitCode: 1,
      });
    throw new InputError(`no session '${session}' in ${options.stateDir}. ${describeSessions(options.stateDir)}`);
  }
  if (SessionLock.isHeld(stateFile)) {
    throw Object.assign(
      new Error(
        `session '${session}' is running (a runner holds its lock) but ${url ? `its endpoint ${url} does not answer` : 'it recorded no endpoint'}. Check the runner's logs, or pass --url`,
      ),
      { exitCode: 1 },
    );
  }
  const store = StateStore.openReadOnly(stateFile, { lockTimeoutMs: 200 });
  try {
    return withAlerts(statusFromStore(session, store), stateFile);
  } finally {
    store.close();
  }
}

/** The session's alert outbox beside its state file, when this host has one: dead letters are what an operator must see. */
function withAlerts(report: StatusReport, stateFile: string): StatusReport {
  const alerts = readOutboxCounts(outboxPathOf(stateFile, report.session));
  return alerts ? { ...report, alerts } : report;
}

async function fetchStatus(url: string, timeoutMs: number, token: string | undefined): Promise<StatusReport | undefined> {
  let res: Response;
  try {
    res = await fetch(`${url.replace(/\/+$/, '')}/status`, {
      signal: AbortSignal.timeout(timeoutMs),
      ...(token ? { headers: { authorization: `Bearer ${token}` } } : {}),
    });
  } catch {
    return undefined;
  }
  if (res.status === 401 || res.status === 403) {
    const reason = ((await res.json().catch(() => ({}))) as { reason?: unknown }).reason;
    const why = typeof reason === 'string' && /^[a-z-]{1,40}$/.test(reason) ? `: ${reason}` : '';
    throw new InputError(
      `the runner at ${url} refused the request (${res.status}${why}). ${token ? 'Use a valid token with scope read' : 'Pass --token or set RUSTYBT_API_TOKEN'} (see 'rustybt generate-api-token')`,
    );
  }
  if (!res.ok) return undefined;
  return ((await res.json().catch(() => undefined)) as StatusReport | undefined) ?? undefined;
}

function sessions(stateDir: string): { name: string; mtime: number }[] {
  if (!existsSync(stateDir)) return [];
  return readdirSync(stateDir)
    .filter((f) => sessionOfStateFile(f) !== undefined)
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
  const names = sessions(stateDir)
    .map((s) => s.name)
    .sort();
  return names.length ? `Sessions: ${names.join(', ')}` : "Start one with 'rustybt paper-trade --strategy <file>'";
}
