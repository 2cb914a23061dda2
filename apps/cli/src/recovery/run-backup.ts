import { resolve } from 'node:path';
import type { Command } from 'commander';
import { createBackup, type BackupResult } from '@rustybt/paper-runner';
import type { BackupFlags } from './backup-flags';
import { CliError } from '../errors';
import { globalsOf } from '../globals';
import { loadEffectiveConfig } from '../load-config';
import { sizeText } from './size-text';

export async function runBackup(opts: BackupFlags, cmd: Command): Promise<void> {
  if (opts.session !== undefined && opts.all) throw new CliError('--session and --all exclude each other. Give one of them, or neither for every session');
  let keep: number | undefined;
  if (opts.keep !== undefined) {
    keep = /^\d{1,6}$/.test(opts.keep) ? Number(opts.keep) : NaN;
    if (!(keep >= 1)) throw new CliError(`bad --keep '${opts.keep}'. Give a whole number of backups to keep, 1 or more`);
  }
  const { layout } = loadEffectiveConfig(cmd);
  const result = await createBackup({
    home: layout,
    ...(opts.session !== undefined ? { session: opts.session } : {}),
    ...(opts.output !== undefined ? { outputDir: resolve(opts.output) } : {}),
    ...(keep !== undefined ? { keep } : {}),
    includeLogs: opts.includeLogs === true,
    includeEnv: opts.includeEnv === true,
  });
  if (result.plaintext.length > 0) {
    process.stderr.write(
      `warning: ${result.archive} holds plaintext secrets (${result.plaintext.join(', ')}) because of --include-env. Protect it like the secrets themselves\n`,
    );
  }
  if (globalsOf(cmd).json) {
    process.stdout.write(`${JSON.stringify(backupJson(result), null, 2)}\n`);
    return;
  }
  process.stderr.write(`${summary(result)}\n`);
  process.stdout.write(`${result.archive}\n`);
}

function backupJson(r: BackupResult) {
  return {
    archive: r.archive,
    size: r.size,
    sha256: r.sha256,
    createdAt: r.manifest.createdAt,
    sessions: r.manifest.sessions,
    files: r.manifest.files,
    plaintext: r.plaintext,
    pruned: r.pruned,
  };
}

function summary(r: BackupResult): string {
  const sessions = r.manifest.sessions.map((s) => `${s.name} (${s.orders} orders, ${s.fills} fills, last bar ${s.lastBarTime ?? 'none'})`);
  const parts = [`backed up ${sessions.length ? sessions.join(', ') : 'no sessions'}`, `${r.manifest.files.length} files, ${sizeText(r.size)}`];
  if (r.pruned.length) parts.push(`pruned ${r.pruned.length} older`);
  return parts.join('; ');
}
