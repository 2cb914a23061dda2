/** A state file that cannot be used as it is. Exit code 2: the user must act; the file is left untouched. */
export class StateFileError extends Error {
  readonly exitCode = 2;
  constructor(message: string) {
    super(message);
    this.name = 'StateFileError';
  }
}

/** Maps what SQLite says about a file to one actionable line. */
export function describeSqliteError(path: string, err: unknown): StateFileError | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED' || (typeof code === 'string' && code.startsWith('SQLITE_BUSY'))) {
    return new StateFileError(`state file ${path} is locked by another process (is a runner already using this session?). Stop it, or pick another --session`);
  }
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT' || (typeof code === 'string' && code.startsWith('SQLITE_CORRUPT'))) {
    return new StateFileError(
      `state file ${path} is corrupted (${(err as Error).message}). Restore it from a backup, or move it away to start the session afresh`,
    );
  }
  if (code === 'SQLITE_CANTOPEN' || code === 'SQLITE_READONLY' || code === 'SQLITE_PERM' || code === 'SQLITE_IOERR') {
    return new StateFileError(`cannot open state file ${path} (${(err as Error).message}). Check the path and its permissions`);
  }
  return undefined;
}
