import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { OWNER_FILE_MODE } from './owner-only';

/**
 * A fresh temp file beside `target` (same folder, so the final rename stays on one file system),
 * created exclusively under a random name with `mode` (default 0600): a file planted under a
 * guessable name is never written through. The caller writes, fsyncs, closes and renames it.
 */
export function createTempBeside(target: string, mode = OWNER_FILE_MODE): { path: string; fd: number } {
  const path = join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  return { path, fd: openSync(path, 'wx', mode) };
}

/** Flushes a written file to disk (its data must be durable before a rename makes it visible). */
export function syncFile(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** A rename is durable only once the folder entry is on disk. Some file systems cannot fsync a folder. */
export function syncFolder(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch (err) {
    if (!['EISDIR', 'EINVAL', 'EPERM', 'EBADF', 'ENOTSUP'].includes((err as NodeJS.ErrnoException).code ?? '')) throw err;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
