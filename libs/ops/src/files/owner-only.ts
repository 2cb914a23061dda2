import { chmodSync, mkdirSync, statSync } from 'node:fs';
import { dirname, relative, isAbsolute, resolve } from 'node:path';

/** Folders the project creates: only the owner may list or enter them. */
export const OWNER_DIR_MODE = 0o700;
/** Files the project creates: only the owner may read or write them. */
export const OWNER_FILE_MODE = 0o600;

/**
 * mkdir -p where every folder it creates is 0700 (whatever the umask). Existing folders are left
 * as they are: verify-config reports one that is too open. One level at a time, because Node's
 * recursive mkdir never returns on some virtual file systems (/proc) where a plain mkdir fails at once.
 */
export function makeOwnerDirs(dir: string): void {
  const missing: string[] = [];
  let cursor = resolve(dir);
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
  for (const d of missing.reverse()) {
    mkdirSync(d, { mode: OWNER_DIR_MODE });
    // The umask may have taken bits away, never added them; chmod makes it exact either way.
    chmodSync(d, OWNER_DIR_MODE);
  }
}

export interface ModeFinding {
  path: string;
  /** The permission bits found, e.g. 0o644. */
  mode: number;
  /** The bits that should not be there (group or other access). */
  excess: number;
}

/**
 * A path whose group or other bits are set, or undefined when it is owner-only or absent.
 * Owner bits are not judged: a folder needs x, a file does not, and neither leaks to others.
 */
export function tooOpen(path: string): ModeFinding | undefined {
  let mode: number;
  try {
    mode = statSync(path).mode & 0o777;
  } catch {
    return undefined;
  }
  const excess = mode & 0o077;
  return excess === 0 ? undefined : { path, mode, excess };
}

/** `0o644` -> `0644`, as chmod and ls speak. */
export const formatMode = (mode: number): string => `0${(mode & 0o777).toString(8).padStart(3, '0')}`;

/** True when `path` is `root` or inside it (no `..` escape). */
export function isInside(path: string, root: string): boolean {
  const rel = relative(resolve(root), resolve(path));
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}
