import { CcxtBroker } from '@rustybt/brokers';
import { describe, expect, it } from 'vitest';
import { resolveRunnerOptions } from '../options/runner-options';
import { createBroker } from './broker';

const env = { RUSTYBT_HOME: '/tmp/rb-home', BINANCE_API_KEY: 'k', BINANCE_API_SECRET: 's' };

describe('createBroker', () => {
  it('gives the venue broker the deadline --timeout resolved to (10000 ms unless given)', () => {
    const venue = { strategy: 's.ts', broker: 'binance', apiUrl: 'http://127.0.0.1:1' };
    const given = createBroker(resolveRunnerOptions({ ...venue, timeout: '1234' }, env, '/repo')) as CcxtBroker;
    expect(given).toBeInstanceOf(CcxtBroker);
    expect(given.options.timeoutMs).toBe(1234);
    expect((createBroker(resolveRunnerOptions(venue, env, '/repo')) as CcxtBroker).options.timeoutMs).toBe(10_000);
  });
});
