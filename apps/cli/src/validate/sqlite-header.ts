import { closeSync, openSync, readSync } from 'node:fs';

export interface SqliteHeader {
  /** The file starts with SQLite's magic string. */
  sqlite: boolean;
  /** Journal mode persisted in the file: bytes 18 and 19 are 2 once a database is in WAL mode. */
  wal: boolean;
  /** PRAGMA user_version, which the state store uses as its schema version (bytes 60..63). */
  userVersion: number;
}

const MAGIC = 'SQLite format 3\u0000';

/**
 * The facts a state file's first 100 bytes hold, read without SQLite (so a file SQLite refuses to
 * open still says what it is). See https://www.sqlite.org/fileformat.html#the_database_header.
 */
export function readSqliteHeader(path: string): SqliteHeader {
  const buf = Buffer.alloc(100);
  const fd = openSync(path, 'r');
  let n: number;
  try {
    n = readSync(fd, buf, 0, 100, 0);
  } finally {
    closeSync(fd);
  }
  const sqlite = n === 100 && buf.toString('latin1', 0, 16) === MAGIC;
  return { sqlite, wal: sqlite && buf[18] === 2 && buf[19] === 2, userVersion: sqlite ? buf.readUInt32BE(60) : 0 };
}
