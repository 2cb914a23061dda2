import { closeSync, existsSync, fsyncSync, mkdirSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { InputError, type HomeLayout } from '@rustybt/ops';
import { StateFileError } from '../state/errors';
import { ensureOwnerDir } from '../state/owner-only';
import { SessionLock } from '../state/session-lock';
import { checkSessionName } from '../state/session-name';
import { hashFile } from './hash-file';
import { PLAINTEXT_SECRET_FILES, sessionFilePath, type Manifest, type ManifestFile } from './manifest';
import { readArchive, type EntrySink } from './read-archive';
import { swapIn } from './swap';

export interface RestoreOptions {
  archive: string;
  home: HomeLayout;
  /** Restore only this session's state file; default: everything in the archive. */
  session?: string;
  /** Replace files that exist (they are moved aside, not deleted). */
  force?: boolean;
  now?: () => Date;
}

export interface RestoreResult {
  archive: string;
  manifest: Manifest;
  /** Home-relative paths written. */
  restored: string[];
  /** Home-relative paths already identical to the archive's (left alone). */
  unchanged: string[];
  sessions: string[];
  movedAside: string[];
  /** Plaintext secrets restored (an archive made with --include-env). */
  plaintext: string[];
}

/**
 * Restores a backup into a home. The archive is verified whole (manifest, every path, type, size and
 * hash) before a byte is written; then the sessions' locks are taken (refused while a runner holds
 * one), the chosen files are unpacked into a private folder inside the home and verified again as
 * they land, and each is swapped in with one rename, the current file moved aside.
 */
export async function restoreArchive(options: RestoreOptions): Promise<RestoreResult> {
  const { archive, home } = options;
  if (!existsSync(archive)) throw new InputError(`no archive ${archive}. Check the path (backups are in $RUSTYBT_HOME/backups by default)`);
  const manifest = await readArchive(archive);
  const listed = chooseFiles(manifest, options.session, archive);
  const sessions = manifest.sessions.filter((s) => listed.some((f) => f.path === sessionFilePath(s.name))).map((s) => s.name);
  mkdirSync(home.home, { recursive: true, mode: 0o700 });
  ensureOwnerDir(home.state);
  const locks = sessions.map((name) => lockForRestore(join(home.state, `${name}.db`), name));
  let staging: string | undefined;
  try {
    // Under the locks: a file already as the archive has it (the config after losing only the state) stays as it is.
    const unchanged = listed.filter((f) => isSame(join(home.home, f.path), f));
    const chosen = listed.filter((f) => !unchanged.includes(f));
    const existing = chosen.map((f) => join(home.home, f.path)).filter((p) => existsSync(p) || existsSync(`${p}-wal`));
    if (existing.length > 0 && !options.force) {
      throw new InputError(
        `${existing.join(', ')} ${existing.length === 1 ? 'exists' : 'exist'}. Pass --force to replace (the current files are kept as <file>.pre-restore-<time>), or restore into another RUSTYBT_HOME`,
      );
    }
    staging = mkdtempSync(join(home.home, '.restore-'));
    await unpack(archive, chosen, staging);
    const stamp = (options.now ?? (() => new Date()))().toISOString().replace(/[-:.]/g, '');
    const movedAside = swapIn(
      chosen.map((f) => ({ staged: join(staging!, f.path), target: join(home.home, f.path), database: f.path.startsWith('state/') })),
      stamp,
    );
    const plaintext = chosen.filter((f) => (PLAINTEXT_SECRET_FILES as readonly string[]).some((n) => f.path === `config/${n}`)).map((f) => f.path);
    return { archive, manifest, restored: chosen.map((f) => f.path), unchanged: unchanged.map((f) => f.path), sessions, movedAside, plaintext };
  } finally {
    if (staging) rmSync(staging, { recursive: true, force: true });
    for (const l of locks) l.release();
  }
}

function isSame(path: string, file: ManifestFile): boolean {
  if (!existsSync(path) || existsSync(`${path}-wal`)) return false;
  const now = hashFile(path);
  return now.size === file.size && now.sha256 === file.sha256;
}

function chooseFiles(manifest: Manifest, session: string | undefined, archive: string): ManifestFile[] {
  if (session === undefined) return manifest.files;
  const name = checkSessionName(session);
  const file = manifest.files.find((f) => f.path === sessionFilePath(name));
  if (!file) throw new InputError(`${archive} has no session '${name}'. It has: ${manifest.sessions.map((s) => s.name).join(', ') || 'no sessions'}`);
  return [file];
}

function lockForRestore(stateFile: string, name: string): SessionLock {
  try {
    return SessionLock.acquire(stateFile, 0);
  } catch (err) {
    if (err instanceof StateFileError && /is locked/.test(err.message)) {
      throw new InputError(`session '${name}' is running (a runner holds its lock). Stop it (rustybt status shows it), then restore`);
    }
    throw err;
  }
}

/** Pass 2: the chosen files into the staging folder, each 0600 and fsynced once its hash matched. */
async function unpack(archive: string, chosen: ManifestFile[], staging: string): Promise<void> {
  const wanted = new Set(chosen.map((f) => f.path));
  const open = new Set<number>();
  const sink = (file: ManifestFile): EntrySink => {
    if (!wanted.has(file.path)) return { write: () => undefined, done: () => undefined };
    const dest = join(staging, file.path);
    mkdirSync(dirname(dest), { recursive: true, mode: 0o700 });
    const fd = openSync(dest, 'wx', 0o600);
    open.add(fd);
    return {
      write: (chunk) => void writeSync(fd, chunk),
      done: () => {
        fsyncSync(fd);
        closeSync(fd);
        open.delete(fd);
      },
    };
  };
  try {
    await readArchive(archive, sink);
  } finally {
    for (const fd of open) closeSync(fd);
  }
}
