import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runValidation, type ValidatorResult } from '@rustybt/validate';
import { tempHome, type TempHome } from '../testing/temp-setup';
import type { ValidateSetup } from '../setup';
import { strategyValidator } from './strategy';

let home: TempHome | undefined;
afterEach(() => {
  home?.cleanup();
  home = undefined;
});
const attestation = { strategySha256: null, configSha256: null, lockfileSha256: null, rustybtVersion: 'test' };

async function validate(over: Partial<ValidateSetup> = {}): Promise<ValidatorResult> {
  home ??= tempHome();
  const result = await runValidation({ validators: [strategyValidator(home.setup(over))], mode: 'quick', only: ['strategy'], attestation });
  return result.validators[0]!;
}
const status = (v: ValidatorResult) => Object.fromEntries(v.checks.map((c) => [c.id, c.status]));

describe('strategy validator', () => {
  it('passes the example strategy: loads, params, a sim backtest with orders, the calendar', async () => {
    const v = await validate();
    expect(status(v)).toEqual({
      'strategy.loads': 'PASS',
      'strategy.params': 'PASS',
      'strategy.backtest-runs': 'PASS',
      'strategy.backtest-orders': 'PASS',
      'strategy.calendar': 'PASS',
      'strategy.matches-session': 'SKIP',
    });
    expect(v.checks.find((c) => c.id === 'strategy.params')?.detail).toBe('fast=10, slow=30, qty=1');
  });

  it('fails parameters its onInit refuses, a file that does not load, and a strategy that never trades', async () => {
    expect(status(await validate({ params: ['fast=50', 'slow=10'] }))['strategy.backtest-runs']).toBe('FAIL');
    expect(status(await validate({ params: ['nope=1'] }))['strategy.params']).toBe('FAIL');
    const broken = join(home!.home, 'broken.ts');
    writeFileSync(broken, 'export default { onBar( ');
    expect(status(await validate({ strategyFile: broken }))['strategy.loads']).toBe('FAIL');
    const idle = join(home!.home, 'idle.ts');
    writeFileSync(idle, `import { defineStrategy } from '@rustybt/engine';\nexport default defineStrategy({ onBar() {} });\n`);
    expect(status(await validate({ strategyFile: idle }))['strategy.backtest-orders']).toBe('FAIL');
  });

  it('trades under the cost models of the session, else of config.yaml', async () => {
    const detail = (v: ValidatorResult) => v.checks.find((c) => c.id === 'strategy.backtest-orders')?.detail;
    expect(detail(await validate())).toMatch(/; fees 0\.00 under slippage none, commission none \(defaults\)$/);
    const paper = { commission: { model: 'percent', rate: 0.001 }, slippage: { model: 'fixed-bps', bps: 10 } };
    const session = { name: 'demo', stateFile: '/nowhere/demo.db', meta: { paper_broker: JSON.stringify(paper) } };
    const charged = detail(await validate({ session }));
    expect(charged).toMatch(/; fees [1-9]\d*\.\d\d under slippage fixed-bps:10, commission percent:0\.001 \(session demo\)$/);
  });

  it('fails a strategy other than the one the session runs', async () => {
    const v = await validate({ session: { name: 'demo', stateFile: '/nowhere/demo.db', meta: { strategy: '/elsewhere/other.ts', params: '{}' } } });
    expect(v.checks.find((c) => c.id === 'strategy.matches-session')).toMatchObject({
      status: 'FAIL',
      detail: expect.stringContaining('session runs /elsewhere/other.ts'),
    });
  });

  it('compares the session params with the validated ones key by key, and names both', async () => {
    const example = join(__dirname, '../../../../../examples/sma-crossover.ts');
    const session = (params: string) => ({ name: 'demo', stateFile: '/nowhere/demo.db', meta: { strategy: example, params } });
    const check = async (params: string) =>
      (await validate({ strategyFile: example, session: session(params) })).checks.find((c) => c.id === 'strategy.matches-session');
    expect(await check('{"slow":30,"qty":1,"fast":10}')).toMatchObject({ status: 'PASS', detail: 'sma-crossover.ts with params fast=10, qty=1, slow=30' });
    expect(await check('{"fast":5,"slow":30,"qty":1}')).toMatchObject({
      status: 'FAIL',
      detail: 'session params fast=5, qty=1, slow=30, validated fast=10, qty=1, slow=30',
    });
  });
});
