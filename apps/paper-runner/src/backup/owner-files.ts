import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
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

/** fsync the temp file, rename it over the target, fsync the folder: the target is old or whole-new after a crash. */
export function commitTemp(temp: { path: string; fd: number }, target: string): void {
  try {
    fsyncSync(temp.fd);
  } finally {
    closeSync(temp.fd);
  }
  renameSync(temp.path, target);
  fsyncDir(dirname(target));
}

/** Writes content to `path` atomically and owner-only (0600), creating missing folders 0700. */
export function writeOwnerFileAtomic(path: string, content: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const temp = createTempBeside(path);
  try {
    writeSync(temp.fd, typeof content === 'string' ? Buffer.from(content) : content);
    commitTemp(temp, path);
  } catch (err) {
    try {
      closeSync(temp.fd);
    } catch {
      // Already closed by commitTemp.
    }
    rmSync(temp.path, { force: true });
    throw err;
  }
}
