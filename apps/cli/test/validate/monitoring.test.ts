import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runValidation, type ValidatorResult } from '@rustybt/validate';
import { monitoringValidator } from '../../src/validate/validators/monitoring';
import { SMA_EXAMPLE, tempHome, type TempHome } from '../../src/validate/testing/temp-setup';
import { startSession } from './run-session';

let home: TempHome | undefined;
afterEach(() => home?.cleanup());
const attestation = { strategySha256: null, configSha256: null, lockfileSha256: null, rustybtVersion: 'test' };
const RUNNER_BIN = join(dirname(createRequire(import.meta.url).resolve('@rustybt/paper-runner/package.json')), 'bin', 'main.js');

async function validate(): Promise<ValidatorResult> {
  const result = await runValidation({ validators: [monitoringValidator(home!.setup())], mode: 'standard', only: ['monitoring'], attestation });
  return result.validators[0]!;
}

describe('monitoring validator', () => {
  it("passes a running session's /health and /metrics, parsed as Prometheus text", async () => {
    home = tempHome();
    const runner = await startSession(home.home, 'live', 5_000_000);
    let v: ValidatorResult;
    try {
      v = await validate();
    } finally {
      await runner.stop('signal');
    }
    const by = Object.fromEntries(v.checks.map((c) => [c.id, c]));
    expect(by['monitoring.health-endpoint']).toMatchObject({ status: 'PASS', subject: 'live' });
    expect(by['monitoring.metrics-endpoint']).toMatchObject({
      status: 'PASS',
      detail: expect.stringMatching(/samples of \d+ metric families, valid Prometheus text/),
    });
    expect(by['monitoring.log-dir']?.status).toBe('PASS');
    expect(by['monitoring.log-rotation']?.status).toBe('PASS');
    expect(by['monitoring.alert-channels']?.status).toBe('WARN');
  }, 120_000);

  it("fails a stopped runner's /health: killed, its run never ended, its endpoint does not answer", async () => {
    home = tempHome();
    const child = spawn(
      process.execPath,
      [RUNNER_BIN, '--strategy', SMA_EXAMPLE, '--session', 'dead', '--heartbeat', '200ms', '--port', '0', '--speed', '60000'],
      { env: { ...process.env, RUSTYBT_HOME: home.home }, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    const exited = new Promise((r) => child.on('exit', r));
    let err = '';
    await new Promise<void>((resolve, reject) => {
      child.stderr!.on('data', (c: Buffer) => {
        err += c.toString();
        if (/http: http:\/\/127\.0\.0\.1:\d+/.test(err)) resolve();
      });
      child.on('exit', () => reject(new Error(`runner exited early: ${err}`)));
    });
    child.kill('SIGKILL');
    await exited;
    const v = await validate();
    expect(v.status).toBe('FAIL');
    expect(v.checks.find((c) => c.id === 'monitoring.health-endpoint')).toMatchObject({
      status: 'FAIL',
      subject: 'dead',
      detail: expect.stringMatching(/has not stopped, but http:\/\/127\.0\.0\.1:\d+\/health does not answer/),
    });
  }, 120_000);
});
