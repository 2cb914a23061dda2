import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** A fresh owner-only (0600) temp file beside `target`, created exclusively under a random name. */
export function createTempBeside(target: string): { path: string; fd: number } {
  const path = join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  return { path, fd: openSync(path, 'wx', 0o600) };
}

export function fsyncDir(dir: string): void {
  fsyncFile(dir);
}

export function fsyncFile(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
