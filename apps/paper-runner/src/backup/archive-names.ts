import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/** `rustybt-backup-20250102T030405678Z.tar.gz`: sorts by time as text; prune only ever touches these. */
const ARCHIVE_NAME = /^rustybt-backup-\d{8}T\d{9}Z\.tar\.gz$/;

export function archiveNameAt(createdAt: Date): string {
  return `rustybt-backup-${createdAt.toISOString().replace(/[-:.]/g, '')}.tar.gz`;
}

/** The backups in a folder, oldest first. */
export function listArchives(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => ARCHIVE_NAME.test(f))
    .sort()
    .map((f) => join(dir, f));
}

export function latestArchive(dir: string): string | undefined {
  return listArchives(dir).at(-1);
}

/** Deletes all but the newest `keep` backups of the folder; returns what it deleted. */
export function pruneArchives(dir: string, keep: number): string[] {
  const all = listArchives(dir);
  const doomed = all.slice(0, Math.max(0, all.length - keep));
  for (const f of doomed) rmSync(f, { force: true });
  return doomed;
}
