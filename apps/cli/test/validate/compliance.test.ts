import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { StateStore } from '@rustybt/paper-runner';
import { runValidation, type ValidatorResult } from '@rustybt/validate';
import { complianceValidator } from '../../src/validate/validators/compliance';
import { tempHome, type TempHome } from '../../src/validate/testing/temp-setup';
import { runSession } from './run-session';

let home: TempHome | undefined;
afterEach(() => home?.cleanup());
const attestation = { strategySha256: null, configSha256: null, lockfileSha256: null, rustybtVersion: 'test' };

async function validate(): Promise<ValidatorResult> {
  const result = await runValidation({ validators: [complianceValidator(home!.setup())], mode: 'standard', only: ['compliance'], attestation });
  return result.validators[0]!;
}

describe('compliance validator', () => {
  it('passes a real session: every order and fill in the database has its log events and back', async () => {
    home = tempHome();
    await runSession(home.home, 'trail');
    const v = await validate();
    expect(Object.fromEntries(v.checks.map((c) => [c.id, c.status]))).toEqual({
      'compliance.orders-logged': 'PASS',
      'compliance.fills-logged': 'PASS',
      'compliance.logged-orders-stored': 'PASS',
      'compliance.clock-monotonic': 'PASS',
      'compliance.log-retention': 'PASS',
    });
    expect(v.checks.find((c) => c.id === 'compliance.orders-logged')?.value as number).toBeGreaterThan(0);
  }, 120_000);

  it('fails an order in the database that is missing from the logs', async () => {
    home = tempHome();
    await runSession(home.home, 'trail');
    const store = StateStore.open(join(home.home, 'state', 'trail.db'));
    const one = store.orders()[0]!;
    store.upsertOrder({ ...one, client_order_id: 'trail-ghost-1', order_id: 'ghost' });
    store.close();
    const v = await validate();
    expect(v.checks.find((c) => c.id === 'compliance.orders-logged')).toMatchObject({
      status: 'FAIL',
      subject: 'trail',
      detail: expect.stringContaining('trail-ghost-1'),
    });
    expect(v.checks.find((c) => c.id === 'compliance.logged-orders-stored')?.status).toBe('PASS');
  }, 120_000);
});
