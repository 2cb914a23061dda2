import fc from 'fast-check';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultSessionName, resolveRunnerOptions } from './runner-options';

const env = { RUSTYBT_HOME: '/tmp/rb-home' };

describe('resolveRunnerOptions', () => {
  it('fills in the defaults of the README main job', () => {
    const o = resolveRunnerOptions({ strategy: 'examples/sma-crossover.ts' }, env, '/repo');
    expect(o).toMatchObject({
      strategyFile: '/repo/examples/sma-crossover.ts',
      broker: 'paper',
      data: 'sim',
      symbol: 'SIM',
      interval: '1m',
      session: 'sma-crossover',
      stateFile: join('/tmp/rb-home', 'state', 'sma-crossover.db'),
      logDir: join('/tmp/rb-home', 'logs'),
      logLevel: 'info',
      heartbeatMs: 10_000,
      port: 0,
      params: [],
    });
    expect(o.capital.toString()).toBe('10000');
    expect(o.durationMs).toBeUndefined();
    expect(o.speed).toBeUndefined();
  });

  it('gives the paper broker its models: cost flags over config paper over the defaults', () => {
    expect(resolveRunnerOptions({ strategy: 's.ts' }, env, '/repo').paperBroker).toMatchObject({
      fillAt: 'next-open',
      slippage: { model: 'none' },
      commission: { model: 'none' },
      volumeLimit: 0.1,
      allowShort: false,
    });
    const o = resolveRunnerOptions(
      { strategy: 's.ts', paper: { commission: { model: 'per-share', perShare: 0.01 }, volumeLimit: 0.5 }, slippage: 'fixed-bps:10', allowShort: true },
      env,
      '/repo',
    );
    expect(o.paperBroker).toMatchObject({
      slippage: { model: 'fixed-bps', bps: 10 },
      commission: { model: 'per-share', perShare: 0.01, minimum: 0 },
      volumeLimit: 0.5,
      allowShort: true,
    });
    expect(() => resolveRunnerOptions({ strategy: 's.ts', commission: 'percent:-1' }, env, '/repo')).toThrow(/^--commission "percent:-1": rate -1 is negative/);
    const venue = { strategy: 's.ts', broker: 'binance', data: 'ccxt:binance', testnet: true };
    expect(resolveRunnerOptions(venue, env, '/repo').paperBroker).toBeUndefined();
    expect(() => resolveRunnerOptions({ ...venue, commission: 'percent:0.001' }, env, '/repo')).toThrow(
      /--commission sets the paper broker's model; at binance the venue fills and charges/,
    );
  });

  it('--timeout: the hard deadline of one venue request, 10000 ms unless given, one line naming the flag when bad', () => {
    const venue = { strategy: 's.ts', broker: 'binance', testnet: true };
    expect(resolveRunnerOptions(venue, env, '/repo').timeoutMs).toBe(10_000);
    expect(resolveRunnerOptions({ ...venue, timeout: '1000' }, env, '/repo').timeoutMs).toBe(1000);
    for (const bad of ['0', '-5', '1.5', '1s', '', '600001']) {
      expect(() => resolveRunnerOptions({ ...venue, timeout: bad }, env, '/repo')).toThrow(
        new RegExp(`^bad --timeout '${bad}'\\. Give milliseconds between 1 and 600000, e\\.g\\. 10000$`),
      );
    }
  });

  it('reads every flag', () => {
    const o = resolveRunnerOptions(
      {
        strategy: '/s.ts',
        data: 'replay:csv:/d.csv',
        symbol: 'BTC/USDT',
        interval: '1h',
        duration: '12h',
        session: 'night',
        logDir: 'logs',
        logLevel: 'debug',
        heartbeat: '5s',
        port: '9464',
        capital: '2500.50',
        param: ['fast=5'],
        speed: 'max',
      },
      env,
      '/w',
    );
    expect(o).toMatchObject({
      data: 'replay:csv:/d.csv',
      symbol: 'BTC/USDT',
      interval: '1h',
      durationMs: 43_200_000,
      session: 'night',
      logDir: '/w/logs',
      logLevel: 'debug',
      heartbeatMs: 5000,
      port: 9464,
      params: ['fast=5'],
      speed: Infinity,
    });
    expect(o.capital.toString()).toBe('2500.5');
  });

  it('refuses bad values with an input error that names the flag', () => {
    const bad: [Record<string, unknown>, RegExp][] = [
      [{ strategy: '' }, /^--strategy is required/],
      [{ broker: 'Bin ance' }, /^unknown --broker 'Bin ance'\. Use paper or a ccxt exchange id/],
      [{ broker: 'binance' }, /^--broker binance without --testnet or --api-url would trade real money at binance\..*rustybt live-trade$/],
      [
        { broker: 'binance', testnet: true, data: 'sim' },
        /^--broker binance trades at binance, so its bars must come from there too\. Use --data ccxt:binance$/,
      ],
      [{ broker: 'binance', apiUrl: 'ftp://x' }, /^bad --api-url 'ftp:\/\/x'/],
      [{ broker: 'binance', testnet: true, session: 'a.b' }, /^session name 'a\.b' cannot go to a venue/],
      [{ broker: 'binance', live: true }, /^live trading needs explicit risk limits; missing maxNotionalPerOrder, maxDailyLoss\./],
      [{ broker: 'binance', live: true, risk: { maxNotionalPerOrder: '100' } }, /^live trading needs explicit risk limits; missing maxDailyLoss\./],
      [{ broker: 'binance', testnet: true, risk: { maxDailyLoss: 2 } }, /^bad risk limit maxDailyLoss/],
      [{ testnet: true }, /^--testnet and --live apply to a venue broker/],
      [{ reconcile: 'ignore' }, /^bad --reconcile 'ignore'\. Use stop or adopt-venue$/],
      [{ data: 'csv:/d.csv' }, /^--data 'csv:\/d\.csv' is not available/],
      [
        { data: 'replay:yahoo' },
        /^--data 'replay:yahoo' is not available to the runner\. Use sim, replay:sim, replay:csv:<file-or-dir>, yahoo \(Yahoo's bars as they close\) or ccxt:<exchange>/,
      ],
      [{ data: 'yahoo', interval: '4h' }, /^Yahoo has no 4h bars\. Use --interval 1m, 5m, 15m, 30m, 1h, 1d, 1w$/],
      [{ data: 'yahoo', broker: 'binance', testnet: true }, /^--broker binance trades at binance, so its bars must come from there too/],
      [{ session: '../etc' }, /^bad --session '\.\.\/etc'/],
      [{ port: '-1' }, /^bad --port/],
      [{ capital: 'lots' }, /^bad --capital 'lots'/],
      [{ capital: '0' }, /^bad --capital '0'/],
      [{ speed: '0' }, /^bad --speed '0'/],
      [{ logLevel: 'loud' }, /^bad --log-level 'loud'/],
      [{ symbol: 'a b' }, /^bad --symbol/],
      [{ interval: '2m' }, /^bad --interval '2m'\. Use one of 1m, 5m, 15m, 30m, 1h, 4h, 1d, 1w$/],
    ];
    for (const [flags, message] of bad) {
      let error: unknown;
      try {
        resolveRunnerOptions({ strategy: 's.ts', ...flags }, env);
      } catch (err) {
        error = err;
      }
      expect(error, JSON.stringify(flags)).toMatchObject({ exitCode: 2, message: expect.stringMatching(message) });
    }
  });

  it('either accepts a flag value or says why, never anything else (fuzz)', () => {
    const flag = fc.constantFrom(
      'broker',
      'data',
      'symbol',
      'interval',
      'duration',
      'session',
      'heartbeat',
      'port',
      'capital',
      'speed',
      'logLevel',
      'apiUrl',
      'reconcile',
      'timeout',
    );
    fc.assert(
      fc.property(flag, fc.string(), (name, value) => {
        try {
          const o = resolveRunnerOptions({ strategy: 's.ts', [name]: value }, env);
          expect(o.heartbeatMs).toBeGreaterThan(0);
          expect(o.capital.gt(0)).toBe(true);
          expect(/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(o.session)).toBe(true);
          expect(Number.isInteger(o.timeoutMs) && o.timeoutMs >= 1 && o.timeoutMs <= 600_000).toBe(true);
        } catch (err) {
          expect((err as { exitCode?: number }).exitCode).toBe(2);
          expect((err as Error).message).not.toContain('\n');
        }
      }),
    );
  });

  it('takes a venue broker with its own live bars; real money only with --live', () => {
    const venue = resolveRunnerOptions({ strategy: 's.ts', broker: 'binance', apiUrl: 'http://127.0.0.1:8900', reconcile: 'adopt-venue' }, env);
    expect(venue).toMatchObject({
      broker: 'binance',
      data: 'ccxt:binance',
      atVenue: true,
      realMoney: false,
      apiUrl: 'http://127.0.0.1:8900',
      reconcile: 'adopt-venue',
      testnet: false,
    });
    const live = resolveRunnerOptions({ strategy: 's.ts', broker: 'bybit', live: true, risk: { maxNotionalPerOrder: '500', maxDailyLoss: 0.02 } }, env);
    expect(live).toMatchObject({ atVenue: true, realMoney: true, risk: { maxNotionalPerOrder: '500', maxDailyLoss: 0.02 } });
    expect(resolveRunnerOptions({ strategy: 's.ts', data: 'ccxt:binance' }, env)).toMatchObject({
      broker: 'paper',
      atVenue: false,
      realMoney: false,
      reconcile: 'stop',
    });
  });

  it('takes yahoo data for the paper broker: SPY by default, the Yahoo URL from the environment', () => {
    expect(resolveRunnerOptions({ strategy: 's.ts', data: 'yahoo' }, { ...env, RUSTYBT_YAHOO_URL: 'http://127.0.0.1:9' })).toMatchObject({
      data: 'yahoo',
      symbol: 'SPY',
      yahooUrl: 'http://127.0.0.1:9',
      atVenue: false,
    });
    expect(resolveRunnerOptions({ strategy: 's.ts', data: 'yahoo', symbol: 'AAPL', yahooUrl: 'http://h:1' }, env)).toMatchObject({
      symbol: 'AAPL',
      yahooUrl: 'http://h:1',
    });
  });

  it('names the default session after the strategy file', () => {
    expect(defaultSessionName('/x/my strategy.v2.ts')).toBe('my-strategy.v2');
    expect(defaultSessionName('/x/__.ts')).toBe('paper');
  });
});
