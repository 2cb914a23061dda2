import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { runValidation, type ValidationResult } from '@rustybt/validate';
import { verifySignature as verifyWebhook } from '@rustybt/alerts';
import { notifySummary } from '../../src/validate/notify';
import { monitoringValidator } from '../../src/validate/validators/monitoring';
import { tempHome, type TempHome } from '../../src/validate/testing/temp-setup';

let home: TempHome | undefined;
let server: Server | undefined;
afterEach(async () => {
  home?.cleanup();
  await new Promise((r) => (server ? server.close(r) : r(undefined)));
  server = undefined;
});

const SECRET = 'hook-secret-canary-0123456789';

/** A real HTTP receiver on loopback: every request's headers and body. */
async function receiver(): Promise<{ url: string; got: { headers: Record<string, unknown>; body: string }[] }> {
  const got: { headers: Record<string, unknown>; body: string }[] = [];
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      got.push({ headers: req.headers, body });
      res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server!.address() as AddressInfo).port}/hook`, got };
}

function setupWithHook(url: string) {
  home = tempHome(`alerts:\n  channels:\n    - { name: hook, type: webhook, url: "${url}", secretEnv: HOOK_SECRET }\n`);
  const setup = home.setup();
  setup.env = { ...setup.env, HOOK_SECRET: SECRET };
  return setup;
}

describe('alerts from validate', () => {
  it('--notify sends the verdict and what needs attention, signed, through the channels', async () => {
    const hook = await receiver();
    const setup = setupWithHook(hook.url);
    const result: ValidationResult = {
      verdict: 'not-ready',
      mode: 'standard',
      startedAt: new Date().toISOString(),
      durationMs: 5,
      attestation: { strategySha256: null, configSha256: null, lockfileSha256: null, rustybtVersion: 't' },
      validators: [
        {
          id: 'risk',
          title: 'Risk limits',
          status: 'FAIL',
          durationMs: 1,
          checks: [{ id: 'risk.limits-configured', title: 't', status: 'FAIL', value: null, threshold: null, detail: 'not set in config', remedy: 'set them' }],
        },
      ],
    };
    expect(await notifySummary(setup, result)).toEqual(['notify: hook: sent']);
    expect(hook.got).toHaveLength(1);
    const body = JSON.parse(hook.got[0]!.body) as { event: string; severity: string; summary: string; details: { attention: string[] } };
    expect(body).toMatchObject({
      event: 'validation_result',
      severity: 'critical',
      summary: expect.stringMatching(/Not ready - 0 passed, 0 warnings, 1 failed/),
    });
    expect(body.details.attention).toEqual(['FAIL risk.limits-configured: not set in config']);
    expect(verifyWebhook({ secret: SECRET, header: String(hook.got[0]!.headers['x-rustybt-signature']), body: hook.got[0]!.body }).ok).toBe(true);
    expect(hook.got[0]!.body).not.toContain(SECRET);
  });

  it('thorough monitoring delivers a test alert through every channel, and fails one that does not answer', async () => {
    const hook = await receiver();
    const setup = setupWithHook(hook.url);
    const attestation = { strategySha256: null, configSha256: null, lockfileSha256: null, rustybtVersion: 't' };
    let v = (await runValidation({ validators: [monitoringValidator(setup)], mode: 'thorough', only: ['monitoring'], attestation })).validators[0]!;
    expect(v.checks.find((c) => c.id === 'monitoring.alert-channels')?.status).toBe('PASS');
    expect(v.checks.find((c) => c.id === 'monitoring.alert-delivery')).toMatchObject({ status: 'PASS', detail: expect.stringMatching(/^hook: delivered/) });
    expect(JSON.parse(hook.got[0]!.body)).toMatchObject({ event: 'validation_test' });
    await new Promise((r) => server!.close(r));
    server = undefined;
    v = (await runValidation({ validators: [monitoringValidator(setup)], mode: 'thorough', only: ['monitoring'], attestation })).validators[0]!;
    expect(v.checks.find((c) => c.id === 'monitoring.alert-delivery')?.status).toBe('FAIL');
  });
});
