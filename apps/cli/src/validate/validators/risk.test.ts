import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_CRITERIA, runValidation, type ValidationResult } from '@rustybt/validate';
import { riskValidator } from './risk';
import { tempHome, type TempHome } from '../testing/temp-setup';

let home: TempHome | undefined;
afterEach(() => home?.cleanup());

async function run(config: string): Promise<ValidationResult['validators'][number]> {
  home = tempHome(config);
  const result = await runValidation({
    validators: [riskValidator(home.setup())],
    mode: 'standard',
    only: ['risk'],
    criteria: DEFAULT_CRITERIA,
    attestation: { strategySha256: null, configSha256: null, lockfileSha256: null, rustybtVersion: 'test' },
  });
  return result.validators[0]!;
}

const status = (v: Awaited<ReturnType<typeof run>>, id: string) => v.checks.find((c) => c.id === id)?.status;

describe('risk validator', () => {
  it('passes prudent limits set in config, each one enforced by the engine', async () => {
    const v = await run(
      'risk:\n  maxPositionFraction: 0.1\n  maxLeverage: 1.5\n  maxDailyLoss: 0.03\n  maxNotionalPerOrder: "2500"\n  maxOpenPositions: 3\n  maxOrdersPerMinute: 20\n',
    );
    expect(v.checks.map((c) => [c.id, c.status])).toEqual([
      ['risk.limits-configured', 'PASS'],
      ['risk.limits-prudent', 'PASS'],
      ['risk.max-position-enforced', 'PASS'],
      ['risk.max-notional-enforced', 'PASS'],
      ['risk.max-leverage-enforced', 'PASS'],
      ['risk.max-open-positions-enforced', 'PASS'],
      ['risk.order-rate-enforced', 'PASS'],
      ['risk.daily-loss-enforced', 'PASS'],
      ['risk.reduce-transition', 'PASS'],
      ['risk.halt-transition', 'PASS'],
    ]);
    expect(v.checks.find((c) => c.id === 'risk.daily-loss-enforced')?.detail).toMatch(/moved trading to REDUCING/);
  });

  it('fails a daily-loss limit switched off and a notional limit left unset', async () => {
    const v = await run('risk:\n  maxDailyLoss: 1\n  maxLeverage: 4\n');
    expect(v.status).toBe('FAIL');
    expect(status(v, 'risk.limits-configured')).toBe('FAIL');
    expect(status(v, 'risk.daily-loss-enforced')).toBe('FAIL');
    expect(v.checks.find((c) => c.id === 'risk.daily-loss-enforced')?.detail).toMatch(/switched off/);
    expect(status(v, 'risk.max-notional-enforced')).toBe('FAIL');
    expect(status(v, 'risk.limits-prudent')).toBe('WARN');
    // What is set is still enforced.
    expect(status(v, 'risk.max-leverage-enforced')).toBe('PASS');
  });

  it('checks the HALTED transition of a daily-loss action halt', async () => {
    const v = await run('risk:\n  maxDailyLoss: 0.02\n  dailyLossAction: halt\n  maxNotionalPerOrder: 1000\n');
    expect(status(v, 'risk.daily-loss-enforced')).toBe('PASS');
    expect(v.checks.find((c) => c.id === 'risk.reduce-transition')).toMatchObject({ status: 'PASS', value: 'HALTED' });
  });
});
