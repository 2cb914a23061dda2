import { afterEach, describe, expect, it } from 'vitest';
import { createBackup } from '@rustybt/paper-runner';
import { runValidation, type ValidatorResult } from '@rustybt/validate';
import { disasterRecoveryValidator } from '../../src/validate/validators/disaster-recovery';
import { tempHome, type TempHome } from '../../src/validate/testing/temp-setup';
import { runSession } from './run-session';

let home: TempHome | undefined;
afterEach(() => home?.cleanup());
const attestation = { strategySha256: null, configSha256: null, lockfileSha256: null, rustybtVersion: 'test' };

async function validate(now?: () => number): Promise<ValidatorResult> {
  const result = await runValidation({
    validators: [disasterRecoveryValidator(home!.setup(), now)],
    mode: 'standard',
    only: ['disaster-recovery'],
    attestation,
  });
  return result.validators[0]!;
}
const status = (v: ValidatorResult) => Object.fromEntries(v.checks.map((c) => [c.id, c.status]));

describe('disaster-recovery validator', () => {
  it('passes a fresh backup that restores within the RTO', async () => {
    home = tempHome();
    await runSession(home.home, 'kept', 2000);
    const backup = await createBackup({ home: home.setup().layout });
    // The age is measured a second after the backup, however slow this machine is today.
    const v = await validate(() => Date.parse(backup.manifest.createdAt) + 1000);
    expect(status(v)).toEqual({
      'disaster-recovery.backup-exists': 'PASS',
      'disaster-recovery.backup-age': 'PASS',
      'disaster-recovery.verify-restore': 'PASS',
      'disaster-recovery.rto': 'PASS',
    });
  }, 120_000);

  it('fails a backup older than the RPO target, and a home without backups', async () => {
    home = tempHome();
    expect(status(await validate())['disaster-recovery.backup-exists']).toBe('FAIL');
    await runSession(home.home, 'kept', 2000);
    await createBackup({ home: home.setup().layout, now: () => new Date(Date.now() - 2 * 3_600_000) });
    const v = await validate();
    expect(v.checks.find((c) => c.id === 'disaster-recovery.backup-age')).toMatchObject({ status: 'FAIL', threshold: 60 });
    expect(v.checks.find((c) => c.id === 'disaster-recovery.backup-age')?.value as number).toBeGreaterThanOrEqual(7200);
    expect(status(v)['disaster-recovery.verify-restore']).toBe('PASS');
  }, 120_000);
});
