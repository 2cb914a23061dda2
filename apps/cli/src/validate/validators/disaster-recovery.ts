import { statSync } from 'node:fs';
import { basename } from 'node:path';
import { defaultBackupDir, latestArchive, verifyRestore, type VerifyRestoreReport } from '@rustybt/paper-runner';
import { defineValidator, makeCheck, measuredCheck, skipCheck, type Check, type Validator } from '@rustybt/validate';
import type { ValidateSetup } from '../setup';

/** The time a backup archive name carries (`rustybt-backup-20250102T030405678Z.tar.gz`). */
export function archiveTime(path: string): number | undefined {
  const m = /rustybt-backup-(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(\d{3})Z\.tar\.gz$/.exec(basename(path));
  return m ? Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!, +m[7]!) : undefined;
}

/** A backup exists, is younger than the RPO target, and its verify-restore passes within the RTO target. */
export function disasterRecoveryValidator(s: ValidateSetup, now: () => number = Date.now): Validator {
  return defineValidator({
    id: 'disaster-recovery',
    title: 'Backup and recovery',
    modes: ['standard', 'thorough'],
    async run(ctx) {
      const dir = defaultBackupDir(s.layout);
      const newest = latestArchive(dir);
      if (!newest) {
        const remedy = "Make one with 'rustybt backup' and schedule it (the systemd backup timer)";
        return [
          makeCheck('disaster-recovery.backup-exists', 'FAIL', { subject: dir, value: 0, detail: `no backup archives in ${dir}`, remedy }),
          ...(['disaster-recovery.backup-age', 'disaster-recovery.verify-restore', 'disaster-recovery.rto'] as const).map((id) =>
            skipCheck(id, 'no backup to check'),
          ),
        ];
      }
      const checks: Check[] = [
        makeCheck('disaster-recovery.backup-exists', 'PASS', { subject: basename(newest), value: statSync(newest).size, unit: 'bytes', detail: newest }),
      ];
      ctx.progress(`verify-restore ${basename(newest)}`);
      let report: VerifyRestoreReport | undefined;
      let failure: string | undefined;
      try {
        report = await verifyRestore({ archive: newest, home: s.layout, now });
      } catch (err) {
        failure = (err as Error).message;
      }
      const taken = report ? Date.parse(report.createdAt) : (archiveTime(newest) ?? statSync(newest).mtimeMs);
      const ageS = Math.max(0, now() - taken) / 1000;
      checks.push(
        measuredCheck('disaster-recovery.backup-age', {
          subject: basename(newest),
          value: Math.round(ageS),
          threshold: ctx.thresholds.rpoSeconds,
          comparator: '<=',
          unit: 's',
          detail: `taken ${new Date(taken).toISOString()}, ${(ageS / 3600).toFixed(2)} h ago: a disaster now loses up to that much`,
          remedy: 'Back up more often (the backup timer) or raise rpoSeconds in the criteria to what you accept',
        }),
      );
      if (!report) {
        checks.push(
          makeCheck('disaster-recovery.verify-restore', 'FAIL', {
            subject: basename(newest),
            detail: failure ?? 'verify-restore failed',
            remedy: 'The newest backup does not restore: make a new one now and find out why (rustybt verify-restore --latest)',
          }),
          skipCheck('disaster-recovery.rto', 'the restore failed'),
        );
        return checks;
      }
      const sessions = report.sessions.map((v) => `${v.name}: ${v.actual ? `${v.actual.orders} orders, ${v.actual.fills} fills` : 'unreadable'}`).join('; ');
      checks.push(
        makeCheck('disaster-recovery.verify-restore', report.ok ? 'PASS' : 'FAIL', {
          subject: basename(newest),
          value: report.sessions.length,
          detail: report.ok ? `restored into a temporary home, every hash and session checked (${sessions || 'no sessions'})` : report.problems.join('; '),
          remedy: 'Make a new backup now and find out why the old one does not restore (rustybt verify-restore --latest)',
        }),
      );
      checks.push(
        measuredCheck('disaster-recovery.rto', {
          subject: basename(newest),
          value: +(report.rtoMs / 1000).toFixed(3),
          threshold: ctx.thresholds.rtoSeconds,
          comparator: '<=',
          unit: 's',
          detail: `restore ${(report.restoreMs / 1000).toFixed(2)} s + open ${(report.openMs / 1000).toFixed(2)} s`,
          remedy: 'Keep state files small (archive old sessions) or use faster disks',
        }),
      );
      return checks;
    },
  });
}
