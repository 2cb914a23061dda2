import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync } from 'node:fs';

/**
 * State under RUSTYBT_HOME is owner-only: folders 0700, files 0600. SQLite creates `-wal` and `-shm`
 * with the mode of the database file, so a database made 0600 before SQLite opens it keeps its
 * side files 0600 too; a file or folder an older version left group- or world-readable is tightened.
 */
export function ensureOwnerDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  tighten(dir, 0o700);
}

/** Creates the file empty and 0600 when absent; tightens it (and its SQLite side files) when present. */
export function ensureOwnerFile(path: string): void {
  if (!existsSync(path)) closeSync(openSync(path, 'a', 0o600));
  for (const p of [path, `${path}-wal`, `${path}-shm`]) if (existsSync(p)) tighten(p, 0o600);
}

function tighten(path: string, mode: number): void {
  const st = statSync(path);
  if ((st.mode & 0o777) !== mode && st.uid === process.getuid?.()) chmodSync(path, mode);
}
