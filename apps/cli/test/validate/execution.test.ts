import { afterEach, describe, expect, it } from 'vitest';
import { startExchangeSim, type ExchangeSim } from '@rustybt/exchange-sim';
import { DEFAULT_CRITERIA, mergeCriteria, runValidation, type ValidatorResult } from '@rustybt/validate';
import { executionValidator } from '../../src/validate/validators/execution';
import { tempHome, type TempHome } from '../../src/validate/testing/temp-setup';

let home: TempHome | undefined;
let sim: ExchangeSim | undefined;
afterEach(async () => {
  home?.cleanup();
  await sim?.close();
  sim = undefined;
});
// Speed goals live in benchmarks: loose latency bounds, so a loaded machine cannot fail the test.
const criteria = mergeCriteria(DEFAULT_CRITERIA, { thresholds: { orderLatencyP99Ms: 60_000, clockSkewMaxMs: 60_000 } });
const attestation = { strategySha256: null, configSha256: null, lockfileSha256: null, rustybtVersion: 'test' };

async function atVenue(canWithdraw: boolean, qty: string): Promise<ValidatorResult> {
  sim = await startExchangeSim({
    dialect: 'binance',
    seed: 1,
    accounts: [{ apiKey: 'val-key', secret: 'val-secret', canWithdraw, balances: { USDT: '100000', BTC: '1' } }],
  });
  sim.setPrice('BTCUSDT', '50000');
  home = tempHome();
  const setup = home.setup({ symbol: 'BTC/USDT', params: [`qty=${qty}`], venue: { exchange: 'binance', testnet: false, apiUrl: sim.url } });
  setup.env = { ...setup.env, BINANCE_API_KEY: 'val-key', BINANCE_API_SECRET: 'val-secret' };
  const result = await runValidation({ validators: [executionValidator(setup)], mode: 'standard', only: ['execution'], attestation, criteria });
  return result.validators[0]!;
}
const status = (v: ValidatorResult) => Object.fromEntries(v.checks.map((c) => [c.id, c.status]));

describe('execution validator', () => {
  it('passes paper fill latency and the venue checks of a trading-only key', async () => {
    const v = await atVenue(false, '0.01');
    expect(status(v)).toEqual({
      'execution.paper-fill-latency': 'PASS',
      'execution.venue-auth': 'PASS',
      'execution.venue-trading-permission': 'PASS',
      'execution.venue-withdrawals-disabled': 'PASS',
      'execution.venue-clock-skew': 'PASS',
      'execution.venue-markets': 'PASS',
      'execution.venue-min-notional': 'PASS',
    });
    expect(v.checks[0]!.evidence?.[0]).toMatchObject({ kind: 'histogram', unit: 'ms' });
  }, 120_000);

  it('fails a key that can withdraw and an order size below the minimum notional', async () => {
    const v = await atVenue(true, '0.00001');
    expect(status(v)['execution.venue-withdrawals-disabled']).toBe('FAIL');
    expect(v.checks.find((c) => c.id === 'execution.venue-min-notional')).toMatchObject({ status: 'FAIL', value: 0.5, threshold: 5 });
  }, 120_000);
});
