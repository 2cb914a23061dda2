import { closeSync, fchmodSync, fsyncSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { InputError } from '../errors';
import { createTempBeside, syncFolder } from './durable';
import { makeOwnerDirs, OWNER_FILE_MODE } from './owner-only';

export interface AtomicWriteOptions {
  /**
   * Permission bits of the written file. Default: an existing target keeps its own (someone chose
   * them; verify-config reports one under RUSTYBT_HOME that is too open), a new file is 0600.
   */
  mode?: number;
}

/**
 * Writes a file so that readers see either the old content or the complete new one, never a
 * half-written file, even across a power loss: an exclusive create of a random sibling temp file,
 * write, fsync, rename over the target, fsync the folder. Missing parent folders are created 0700.
 * A path that cannot be written is an InputError (exit 2) naming it; no temp file is left behind.
 */
export function writeFileAtomic(path: string, content: string | Uint8Array, options: AtomicWriteOptions = {}): void {
  const dir = dirname(path);
  let tmp: string | undefined;
  try {
    makeOwnerDirs(dir);
    const mode = options.mode ?? existingMode(path) ?? OWNER_FILE_MODE;
    const temp = createTempBeside(path, mode);
    tmp = temp.path;
    const fd = temp.fd;
    try {
      // The umask only takes bits away; fchmod makes the mode exactly what was asked.
      fchmodSync(fd, mode);
      const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
      for (let off = 0; off < bytes.length;) off += writeSync(fd, bytes, off, bytes.length - off);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
    tmp = undefined;
    syncFolder(dir);
  } catch (err) {
    if (tmp !== undefined) rmSync(tmp, { force: true });
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    throw new InputError(`cannot write ${path} (${code}). Check the path and its permissions`);
  }
}

function existingMode(path: string): number | undefined {
  try {
    const st = statSync(path);
    return st.isFile() ? st.mode & 0o777 : undefined;
  } catch {
    return undefined;
  }
}
