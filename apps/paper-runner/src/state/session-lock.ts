import { closeSync, existsSync, openSync } from 'node:fs';
import Database from 'better-sqlite3';
import { describeSqliteError, StateFileError } from './errors';

/** `<state>/<session>.db.lock`: the file whose OS lock says "a writer owns this session". */
export const lockFileOf = (stateFile: string) => `${stateFile}.lock`;

/**
 * The session's writer lock: an exclusive POSIX lock (fcntl, taken through SQLite's own locking on a
 * tiny sidecar database) on `<session>.db.lock`. The kernel drops it when the process dies, even on
 * kill -9, so there is no stale lock to clean up and no pid to check for liveness. The state file
 * itself then runs on SQLite's normal WAL locking, so a reader (status, the online backup) reads a
 * consistent snapshot while the runner keeps writing. The lock file is never deleted: unlinking a
 * lock file lets two processes each lock a different inode.
 */
export class SessionLock {
  private constructor(private readonly db: Database.Database) {}

  /** Takes the lock, waiting up to timeoutMs for a holder to let go; a held lock is a StateFileError (exit 2). */
  static acquire(stateFile: string, timeoutMs: number): SessionLock {
    const path = lockFileOf(stateFile);
    // Created owner-only before SQLite opens it (SQLite would create it with the umask's mode).
    closeSync(openSync(path, 'a', 0o600));
    let db: Database.Database | undefined;
    try {
      db = new Database(path, { timeout: timeoutMs });
      // No journal file beside the lock; locking_mode EXCLUSIVE keeps the lock after the first write until close.
      db.pragma('journal_mode = MEMORY');
      db.pragma('locking_mode = EXCLUSIVE');
      db.exec('BEGIN EXCLUSIVE; PRAGMA user_version = 1; COMMIT');
      return new SessionLock(db);
    } catch (err) {
      db?.close();
      throw describeSqliteError(stateFile, err) ?? err;
    }
  }

  /**
   * Whether a writer holds the session now, without taking the lock: a shared read of the lock file is
   * refused while the exclusive lock is held. Creates nothing; no lock file means no holder.
   */
  static isHeld(stateFile: string): boolean {
    const path = lockFileOf(stateFile);
    if (!existsSync(path)) return false;
    let db: Database.Database | undefined;
    try {
      db = new Database(path, { readonly: true, fileMustExist: true, timeout: 0 });
      db.pragma('schema_version');
      return false;
    } catch (err) {
      if (describeSqliteError(stateFile, err)?.message.includes('is locked')) return true;
      throw err instanceof StateFileError ? err : (describeSqliteError(stateFile, err) ?? err);
    } finally {
      db?.close();
    }
  }

  release(): void {
    if (this.db.open) this.db.close();
  }
}
