import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LogScript, writeLogs } from '@rustybt/uptime/testing';
import { runValidation, type ValidatorResult } from '@rustybt/validate';
import { tempHome, type TempHome } from '../testing/temp-setup';
import { paperTradingValidator } from './paper-trading';

let home: TempHome | undefined;
afterEach(() => home?.cleanup());

const attestation = { strategySha256: null, configSha256: null, lockfileSha256: null, rustybtVersion: 'test' };
const START = Date.UTC(2025, 0, 1);
const BEATS_PER_HOUR = 360; // 10 s heartbeats

async function validate(script: LogScript): Promise<ValidatorResult> {
  home = tempHome();
  writeLogs(join(home.home, 'logs'), script.lines);
  const setup = home.setup({ session: { name: 'demo', stateFile: join(home.home, 'state', 'demo.db'), meta: {} } });
  const result = await runValidation({ validators: [paperTradingValidator(setup)], mode: 'standard', only: ['paper-trading'], attestation });
  return result.validators[0]!;
}

const check = (v: ValidatorResult, id: string) => v.checks.find((c) => c.id === id)!;

describe('paper-trading validator', () => {
  it('reports an interim validation that meets the SLO: days run, uptime, budget, errors, trades', async () => {
    const s = new LogScript(START, 10_000, 'demo').start(100);
    for (let h = 0; h < 48; h++) s.beats(BEATS_PER_HOUR).order();
    const v = await validate(s);
    expect(check(v, 'paper-trading.days-run')).toMatchObject({ status: 'WARN', value: 2, detail: expect.stringMatching(/^interim: 2\.0 days of 30/) });
    expect(check(v, 'paper-trading.uptime')).toMatchObject({ status: 'PASS', value: 100 });
    expect(check(v, 'paper-trading.error-budget').status).toBe('PASS');
    expect(check(v, 'paper-trading.error-rate')).toMatchObject({ status: 'PASS', value: 0 });
    expect(check(v, 'paper-trading.trades')).toMatchObject({ status: 'PASS', value: 48 });
    expect(check(v, 'paper-trading.incidents')).toMatchObject({ status: 'PASS', detail: 'no downtime' });
  });

  it('fails a session with a one-hour crash outage and names the error logged just before it', async () => {
    const s = new LogScript(START, 10_000, 'demo').start(100);
    for (let h = 0; h < 24; h++) s.beats(BEATS_PER_HOUR).order();
    s.error('BrokerConnectionError').crash(3_600_000).start(101, true);
    for (let h = 0; h < 24; h++) s.beats(BEATS_PER_HOUR).order();
    const v = await validate(s);
    expect(v.status).toBe('FAIL');
    const uptime = check(v, 'paper-trading.uptime');
    expect(uptime.status).toBe('FAIL');
    expect(uptime.value as number).toBeLessThan(99.9);
    expect(check(v, 'paper-trading.error-budget').status).toBe('FAIL');
    // One error in 48 operations is far beyond 1 per 1,000.
    expect(check(v, 'paper-trading.error-rate')).toMatchObject({ status: 'FAIL' });
    const incidents = check(v, 'paper-trading.incidents');
    expect(incidents.status).toBe('PASS');
    const table = incidents.evidence?.find((e) => e.kind === 'table');
    expect(table?.kind === 'table' && table.rows).toEqual([
      [expect.any(String), expect.any(String), 3590, 'crash', expect.stringMatching(/^error BrokerConnectionError: synthetic/)],
    ]);
    expect(uptime.evidence?.[0]).toMatchObject({ kind: 'timeline' });
  });

  it('warns about an outage with nothing logged before it (a silent death)', async () => {
    const s = new LogScript(START, 10_000, 'demo').start(100).beats(BEATS_PER_HOUR).crash(600_000).start(101, true).beats(BEATS_PER_HOUR);
    const v = await validate(s);
    expect(check(v, 'paper-trading.incidents')).toMatchObject({ status: 'WARN', detail: expect.stringContaining('1 without a logged cause') });
  });

  it('skips every check without --session', async () => {
    home = tempHome();
    const result = await runValidation({ validators: [paperTradingValidator(home.setup())], mode: 'standard', only: ['paper-trading'], attestation });
    expect(result.validators[0]!.checks.every((c) => c.status === 'SKIP' && c.detail === 'no --session given')).toBe(true);
  });
});
