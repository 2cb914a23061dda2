import { closeSync, existsSync, openSync } from 'node:fs';
import Database from 'better-sqlite3';
import { describeSqliteError } from '../state/errors';
import { StateStore } from '../state/store';
import type { ManifestSession } from './manifest';

/** Pages per step of SQLite's online backup: all of them, so one step copies one consistent snapshot. */
const ALL_PAGES = 0x7fffffff;

/**
 * Copies a session's database with SQLite's online backup API while its runner may keep writing.
 * The source is opened read-only under normal WAL locking: the copy is the last committed state
 * (an open batch of bars is not in it), taken in one step so a concurrent commit cannot make SQLite
 * restart the copy over and over, and the writer is never blocked (a WAL reader does not block it).
 * The copy is then made self-contained (rollback journal, no -wal beside it) and described from
 * itself, so the manifest's counts are the copy's, not a later state of the live file.
 */
export async function snapshotSession(name: string, stateFile: string, dest: string): Promise<ManifestSession> {
  let source: Database.Database | undefined;
  try {
    source = new Database(stateFile, { readonly: true, fileMustExist: true, timeout: 5_000 });
    if (!existsSync(dest)) closeSync(openSync(dest, 'wx', 0o600));
    await source.backup(dest, { progress: () => ALL_PAGES });
  } catch (err) {
    throw describeSqliteError(stateFile, err) ?? err;
  } finally {
    source?.close();
  }
  const copy = new Database(dest);
  try {
    copy.pragma('journal_mode = DELETE');
  } finally {
    copy.close();
  }
  return describeSession(name, dest);
}

/** A state file's manifest entry: schema version, last committed bar and row counts, read read-only. */
export function describeSession(name: string, file: string): ManifestSession {
  const store = StateStore.openReadOnly(file);
  try {
    const last = store.checkpoint()?.last_bar_time;
    return {
      name,
      schemaVersion: store.schemaVersion,
      lastBarTime: last ? new Date(last).toISOString() : null,
      orders: Object.values(store.orderCountsByStatus()).reduce((a, b) => a + b, 0),
      fills: store.fillCount(),
      positions: store.positions().length,
    };
  } finally {
    store.close();
  }
}
