import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { resolveHome, type HomeLayout } from '@rustybt/ops';
import { SessionLock } from '../state/session-lock';
import { StateStore } from '../state/store';
import { checkStart, type StartCheck } from './check-start';
import type { ManifestSession } from './manifest';
import { restoreArchive } from './restore';
import { describeSession } from './snapshot-session';

export interface VerifyRestoreOptions {
  archive: string;
  /** The live home, for the last-bar lag of sessions that still exist there. */
  home: HomeLayout;
  /** Targets; a missed one fails the check. */
  rtoMs?: number;
  rpoMs?: number;
  now?: () => number;
}

export interface SessionVerdict {
  name: string;
  integrity: string;
  expected: ManifestSession;
  actual: ManifestSession | null;
  start: StartCheck | null;
  /** The live session, when the home still has it: running or not, and how far its last bar is past the backup's. */
  live: { running: boolean; lastBarTime: string | null; lagMs: number } | null;
  problems: string[];
}

export interface VerifyRestoreReport {
  archive: string;
  ok: boolean;
  createdAt: string;
  /** Wall time of the restore into a temporary home, and of the check-only opens after it. */
  restoreMs: number;
  openMs: number;
  rtoMs: number;
  /** Age of the backup now: what a disaster now would lose at most, for a session that kept trading. */
  backupAgeMs: number;
  /** The worse of the backup's age and the largest last-bar lag of a live session. */
  rpoMs: number;
  targets: { rtoMs: number | null; rpoMs: number | null };
  sessions: SessionVerdict[];
  problems: string[];
}

/**
 * Restores an archive into a temporary home, checks every session there (integrity, counts against
 * the manifest, a check-only start) and measures RTO (restore + open) and RPO. Nothing of the live
 * home is written; the temporary home is removed whatever happens.
 */
export async function verifyRestore(options: VerifyRestoreOptions): Promise<VerifyRestoreReport> {
  const now = options.now ?? Date.now;
  const tmpHome = mkdtempSync(join(tmpdir(), 'rustybt-verify-restore-'));
  try {
    const layout = resolveHome({ RUSTYBT_HOME: tmpHome });
    const t0 = performance.now();
    const restored = await restoreArchive({ archive: options.archive, home: layout });
    const t1 = performance.now();
    const sessions = restored.manifest.sessions.map((s) => checkSession(layout, s));
    const t2 = performance.now();
    const backupAgeMs = Math.max(0, now() - Date.parse(restored.manifest.createdAt));
    for (const v of sessions) v.live = liveLag(options.home, v.expected, Date.parse(restored.manifest.createdAt));
    const rtoMs = t2 - t0;
    const rpoMs = Math.max(backupAgeMs, ...sessions.map((v) => v.live?.lagMs ?? 0));
    const problems = sessions.flatMap((v) => v.problems.map((p) => `${v.name}: ${p}`));
    if (options.rtoMs !== undefined && rtoMs > options.rtoMs) problems.push(`RTO ${Math.round(rtoMs)} ms misses the target ${options.rtoMs} ms`);
    if (options.rpoMs !== undefined && rpoMs > options.rpoMs) problems.push(`RPO ${Math.round(rpoMs)} ms misses the target ${options.rpoMs} ms`);
    return {
      archive: options.archive,
      ok: problems.length === 0,
      createdAt: restored.manifest.createdAt,
      restoreMs: t1 - t0,
      openMs: t2 - t1,
      rtoMs,
      backupAgeMs,
      rpoMs,
      targets: { rtoMs: options.rtoMs ?? null, rpoMs: options.rpoMs ?? null },
      sessions,
      problems,
    };
  } finally {
    rmSync(tmpHome, { recursive: true, force: true });
  }
}

function checkSession(layout: HomeLayout, expected: ManifestSession): SessionVerdict {
  const file = join(layout.state, `${expected.name}.db`);
  const verdict: SessionVerdict = { name: expected.name, integrity: 'not checked', expected, actual: null, start: null, live: null, problems: [] };
  try {
    const store = StateStore.openReadOnly(file);
    try {
      verdict.integrity = store.integrityCheck();
    } finally {
      store.close();
    }
    if (verdict.integrity !== 'ok') verdict.problems.push(`integrity check failed: ${verdict.integrity.split('\n')[0]}`);
    verdict.actual = describeSession(expected.name, file);
    for (const key of ['schemaVersion', 'lastBarTime', 'orders', 'fills', 'positions'] as const) {
      if (verdict.actual[key] !== expected[key]) verdict.problems.push(`${key} is ${verdict.actual[key]} after restore, the manifest says ${expected[key]}`);
    }
    verdict.start = checkStart(file);
    verdict.problems.push(...verdict.start.problems);
    if (verdict.start.resumeAfter !== expected.lastBarTime)
      verdict.problems.push(`would resume after ${verdict.start.resumeAfter}, the manifest's last bar is ${expected.lastBarTime}`);
  } catch (err) {
    verdict.problems.push(err instanceof Error ? err.message : String(err));
  }
  return verdict;
}

/** The live session's last committed bar against the backup's, read read-only (the runner may be trading). */
function liveLag(home: HomeLayout, expected: ManifestSession, createdAt: number): SessionVerdict['live'] {
  const file = join(home.state, `${expected.name}.db`);
  if (!existsSync(file)) return null;
  try {
    const store = StateStore.openReadOnly(file);
    try {
      const last = store.checkpoint()?.last_bar_time || null;
      // A session backed up before its first bar has lost everything since the backup was taken.
      const backed = expected.lastBarTime ? Date.parse(expected.lastBarTime) : createdAt;
      return { running: SessionLock.isHeld(file), lastBarTime: last ? new Date(last).toISOString() : null, lagMs: last ? Math.max(0, last - backed) : 0 };
    } finally {
      store.close();
    }
  } catch {
    // A live file that cannot be read says nothing about the backup.
    return null;
  }
}
