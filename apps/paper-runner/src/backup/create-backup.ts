import { chmodSync, closeSync, copyFileSync, linkSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname, join } from 'node:path';
import { create } from 'tar';
import { createTempBeside, InputError, syncFile, syncFolder, type HomeLayout } from '@rustybt/ops';
import { version } from '../version';
import { archiveNameAt, pruneArchives } from './archive-names';
import { selectBackup } from './collect';
import { hashFile } from './hash-file';
import { MANIFEST_PATH, manifestSchema, sessionFilePath, type Manifest, type ManifestSession } from './manifest';
import { snapshotSession } from './snapshot-session';

export interface BackupOptions {
  home: HomeLayout;
  /** One session; default: every session of the home. */
  session?: string;
  /** Where the archive goes; default `$RUSTYBT_HOME/backups` (0700). */
  outputDir?: string;
  /** Keep only the newest N backups of the output folder. */
  keep?: number;
  includeLogs?: boolean;
  /** Also carry plaintext secrets (config/.env, config/api-secret). */
  includeEnv?: boolean;
  now?: () => Date;
}

export interface BackupResult {
  archive: string;
  size: number;
  sha256: string;
  manifest: Manifest;
  /** Archive paths of plaintext secrets it holds (only with includeEnv). */
  plaintext: string[];
  pruned: string[];
}

export const defaultBackupDir = (home: HomeLayout) => join(home.home, 'backups');

/**
 * Backs up sessions (online, while their runners trade), the config and the encrypted credential
 * store into `<output>/rustybt-backup-<time>.tar.gz`: manifest.json first, then every file it lists.
 * Staged in a private folder beside the archive, written to a 0600 temp file, fsynced and linked
 * into place (never over an existing archive), then pruned to the newest `keep`.
 */
export async function createBackup(options: BackupOptions): Promise<BackupResult> {
  if (options.keep !== undefined && !(Number.isInteger(options.keep) && options.keep >= 1))
    throw new InputError(`bad --keep '${options.keep}'. Give a whole number of backups to keep, 1 or more`);
  const selection = selectBackup(options.home, options);
  const outDir = options.outputDir ?? defaultBackupDir(options.home);
  mkdirSync(outDir, { recursive: true, mode: 0o700 });
  const createdAt = (options.now ?? (() => new Date()))();
  const staging = mkdtempSync(join(outDir, '.staging-'));
  try {
    const sessions: ManifestSession[] = [];
    mkdirSync(join(staging, 'state'), { mode: 0o700 });
    for (const s of selection.sessions) sessions.push(await snapshotSession(s.name, s.stateFile, join(staging, sessionFilePath(s.name))));
    for (const f of selection.files) {
      const dest = join(staging, f.path);
      mkdirSync(dirname(dest), { recursive: true, mode: 0o700 });
      copyFileSync(f.source, dest);
      chmodSync(dest, 0o600);
    }
    const paths = [...selection.sessions.map((s) => sessionFilePath(s.name)), ...selection.files.map((f) => f.path)];
    const manifest = manifestSchema.parse({
      format: 1,
      rustybtVersion: version,
      createdAt: createdAt.toISOString(),
      host: hostname() || 'unknown',
      files: paths.map((path) => ({ path, ...hashFile(join(staging, path)) })),
      sessions,
    });
    const archive = join(outDir, archiveNameAt(createdAt));
    const packed = await pack(staging, manifest, archive);
    return { archive, ...packed, manifest, plaintext: selection.plaintext, pruned: options.keep ? pruneArchives(outDir, options.keep) : [] };
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/** tar.gz of the staged files, manifest first, into a 0600 temp file linked to `archive` once on disk. */
async function pack(staging: string, manifest: Manifest, archive: string): Promise<{ size: number; sha256: string }> {
  writeFileSync(join(staging, MANIFEST_PATH), `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
  const temp = createTempBeside(archive);
  closeSync(temp.fd);
  try {
    // The temp file exists 0600; tar truncates and fills it, keeping its mode.
    await create({ gzip: true, portable: true, cwd: staging, file: temp.path }, [MANIFEST_PATH, ...manifest.files.map((f) => f.path)]);
    syncFile(temp.path);
    try {
      // A link, not a rename: it never replaces an archive that is already there.
      linkSync(temp.path, archive);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST') throw new InputError(`${archive} already exists. Run the backup again`);
      throw err;
    }
    syncFolder(dirname(archive));
    return hashFile(archive);
  } finally {
    rmSync(temp.path, { force: true });
  }
}
