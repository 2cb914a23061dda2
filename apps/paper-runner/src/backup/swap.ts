import { existsSync, renameSync } from 'node:fs';
import { dirname } from 'node:path';
import { syncFolder } from '@rustybt/ops';
import { ensureOwnerDir } from '../state/owner-only';

/** A database travels with its WAL and shared memory: moving one without the others corrupts it. */
const SIDE_FILES = ['', '-wal', '-shm'];

export interface Swap {
  /** Verified file in the staging folder. */
  staged: string;
  target: string;
  /** SQLite database: its -wal/-shm move aside with it. */
  database: boolean;
}

/**
 * Puts each staged file in place with one rename (atomic per file), after moving what is there aside
 * to `<target>.pre-restore-<stamp>` (and `...-wal`, `...-shm`). A failure half-way undoes the renames
 * done so far, so the home is as it was. Returns the paths moved aside.
 */
export function swapIn(swaps: Swap[], stamp: string): string[] {
  const done: { from: string; to: string }[] = [];
  const move = (from: string, to: string) => {
    renameSync(from, to);
    done.push({ from, to });
  };
  try {
    for (const s of swaps) {
      ensureOwnerDir(dirname(s.target));
      for (const suffix of s.database ? SIDE_FILES : ['']) {
        if (existsSync(s.target + suffix)) move(s.target + suffix, `${s.target}.pre-restore-${stamp}${suffix}`);
      }
      move(s.staged, s.target);
      syncFolder(dirname(s.target));
    }
  } catch (err) {
    for (const { from, to } of done.reverse()) {
      try {
        renameSync(to, from);
      } catch {
        // Best effort: what cannot be moved back is still under its .pre-restore name.
      }
    }
    throw err;
  }
  return done.filter((d) => d.to.includes('.pre-restore-')).map((d) => d.to);
}
