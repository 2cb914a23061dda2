import { describe, expect, it } from 'vitest';
import { runValidation } from '@rustybt/validate';
import { smokeValidator } from '../../src/validate/validators/smoke';

const attestation = { strategySha256: null, configSha256: null, lockfileSha256: null, rustybtVersion: 'test' };

describe('smoke validator', () => {
  it('starts a real paper session: /health over HTTP, one order to a fill, the position, the stored status', async () => {
    const result = await runValidation({ validators: [smokeValidator()], mode: 'quick', only: ['smoke'], attestation, timeoutMs: 120_000 });
    const v = result.validators[0]!;
    expect(v.checks.map((c) => [c.id, c.status, c.detail])).toEqual([
      ['smoke.components', 'PASS', expect.stringContaining('state store')],
      ['smoke.health', 'PASS', expect.stringMatching(/HTTP 200, status ok/)],
      ['smoke.order-fill', 'PASS', expect.stringMatching(/^buy 1 SIM filled @/)],
      ['smoke.position', 'PASS', expect.stringMatching(/^SIM 1 @/)],
      ['smoke.status', 'PASS', expect.stringMatching(/stopped \(signal\)/)],
    ]);
  }, 180_000);
});

describe('smoke validator, failing', () => {
  it('fails the order, position and status checks of a session that never fills an order', async () => {
    const idle = `import { defineStrategy } from '@rustybt/engine';\nexport default defineStrategy({ name: 'idle', onBar() {} });\n`;
    const result = await runValidation({
      validators: [smokeValidator({ strategySource: idle })],
      mode: 'quick',
      only: ['smoke'],
      attestation,
      timeoutMs: 120_000,
    });
    const v = result.validators[0]!;
    expect(result.verdict).toBe('not-ready');
    expect(v.checks.find((c) => c.id === 'smoke.order-fill')).toMatchObject({ status: 'FAIL', detail: expect.stringMatching(/^no fill after \d+ bars/) });
    expect(v.checks.find((c) => c.id === 'smoke.position')?.status).toBe('FAIL');
  }, 180_000);
});
