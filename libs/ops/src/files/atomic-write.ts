import { mkdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { InputError } from './errors';

/**
 * Writes a file so that readers see either the old content or the complete new one, never a
 * half-written file: write a sibling temp file, then rename over the target. Missing parent
 * folders are created. A path that cannot be written is an InputError (exit 2) naming it.
 */
export function writeFileAtomic(path: string, content: string | Uint8Array): void {
  const dir = dirname(path);
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
  try {
    makeParents(dir);
    writeFileSync(tmp, content);
    renameSync(tmp, path);
  } catch (err) {
    try {
      rmSync(tmp, { force: true });
    } catch {
      // The temp file could not have been created where its folder is unusable.
    }
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    throw new InputError(`cannot write ${path} (${code}). Check the path and its permissions`);
  }
}

/**
 * mkdir -p one level at a time: Node's recursive mkdir never returns on some virtual file
 * systems (/proc), and a plain mkdir there fails at once.
 */
function makeParents(dir: string): void {
  const missing: string[] = [];
  let cursor = dir;
  for (;;) {
    try {
      if (!statSync(cursor).isDirectory()) throw Object.assign(new Error(`${cursor} is not a folder`), { code: 'ENOTDIR' });
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      missing.push(cursor);
      const parent = dirname(cursor);
      if (parent === cursor) break;
      cursor = parent;
    }
  }
  for (const d of missing.reverse()) mkdirSync(d);
}
