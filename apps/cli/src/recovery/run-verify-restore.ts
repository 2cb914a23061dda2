import { resolve } from 'node:path';
import type { Command } from 'commander';
import { DURATION_HELP, parseDuration } from '@rustybt/core';
import { defaultBackupDir, latestArchive, verifyRestore, type VerifyRestoreReport } from '@rustybt/paper-runner';
import type { VerifyRestoreFlags } from './verify-restore-flags';
import { CliError } from '../errors';
import { globalsOf } from '../globals';
import { loadEffectiveConfig } from '../load-config';

function target(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const ms = parseDuration(value);
  if (ms === undefined || ms <= 0) throw new CliError(`bad ${flag} '${value}'. Give ${DURATION_HELP}`);
  return ms;
}

export async function runVerifyRestore(archive: string | undefined, opts: VerifyRestoreFlags, cmd: Command): Promise<void> {
  if (archive !== undefined && opts.latest) throw new CliError('give an archive or --latest, not both');
  const rtoMs = target('--rto', opts.rto);
  const rpoMs = target('--rpo', opts.rpo);
  const { layout } = loadEffectiveConfig(cmd);
  let path = archive === undefined ? undefined : resolve(archive);
  if (path === undefined) {
    if (!opts.latest) throw new CliError('no archive given. Pass the path of a backup, or --latest for the newest in $RUSTYBT_HOME/backups');
    path = latestArchive(defaultBackupDir(layout));
    if (!path) throw new CliError(`no backups in ${defaultBackupDir(layout)}. Make one with 'rustybt backup'`);
  }
  const report = await verifyRestore({ archive: path, home: layout, ...(rtoMs !== undefined ? { rtoMs } : {}), ...(rpoMs !== undefined ? { rpoMs } : {}) });
  process.stdout.write(globalsOf(cmd).json ? `${JSON.stringify(report, null, 2)}\n` : text(report));
  if (!report.ok) process.exitCode = 1;
}

const secs = (ms: number) => `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 0)} s`;

function text(r: VerifyRestoreReport): string {
  const lines = [`verify-restore ${r.archive} (taken ${r.createdAt}): ${r.ok ? 'OK' : 'FAILED'}`];
  for (const s of r.sessions) {
    const counts = s.actual ? `${s.actual.orders} orders, ${s.actual.fills} fills, ${s.actual.positions} positions` : 'unreadable';
    const resume = s.start ? `would resume after ${s.start.resumeAfter ?? '(no bar yet: starts afresh)'}` : 'not opened';
    const live = s.live ? `; live session ${s.live.running ? 'running' : 'stopped'}, ${secs(s.live.lagMs)} of bars past the backup` : '';
    lines.push(`  ${s.name}: integrity ${s.integrity.split('\n')[0]}, ${counts}, ${resume}${live}`);
  }
  const goal = (ms: number | null) => (ms === null ? '' : ` (target ${secs(ms)})`);
  lines.push(`  RTO ${secs(r.rtoMs)}${goal(r.targets.rtoMs)}: restore ${secs(r.restoreMs)} + open ${secs(r.openMs)}`);
  lines.push(`  RPO ${secs(r.rpoMs)}${goal(r.targets.rpoMs)}: backup age ${secs(r.backupAgeMs)}`);
  for (const p of r.problems) lines.push(`  problem: ${p}`);
  return `${lines.join('\n')}\n`;
}
