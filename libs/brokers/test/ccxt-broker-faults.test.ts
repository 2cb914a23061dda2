import { Decimal } from '@rustybt/engine';
import { afterEach, describe, expect, it } from 'vitest';
import { DIALECTS, failure, ofType, request, rig, terminal, until, type Rig } from './harness';

let r: Rig | undefined;
afterEach(async () => {
  await r?.close();
  r = undefined;
});

const ORDER_PATH = { binance: '/api/v3/order', bybit: '/v5/order/create' } as const;
const BALANCE_PATH = { binance: '/api/v3/account', bybit: '/v5/account/wallet-balance' } as const;

describe.each(DIALECTS)('CcxtBroker fault handling against the %s emulator', (dialect) => {
  it.each([
    ['rate_limit', dialect === 'binance' ? 'DDoSProtection' : 'RateLimitExceeded'],
    ['ip_ban', 'DDoSProtection'],
    ['server_error', 'ExchangeNotAvailable'],
    ['non_json', 'BadResponse'],
    ['timestamp', 'InvalidNonce'],
    ['drop', 'NetworkError'],
  ] as const)('a %s answer to submit is retried (%s) and the order is placed once', async (kind, errorType) => {
    r = await rig(dialect);
    r.sim.inject({ kind, path: ORDER_PATH[dialect], method: 'POST', times: 2 });
    const req = request();
    r.broker.submit(req);
    await until(r.events, terminal(req.clientOrderId));
    const retries = ofType(r.events, 'broker_retry');
    expect(retries.map((e) => [e.operation, e.attempt, e.errorType])).toEqual([
      ['submit', 1, errorType],
      ['submit', 2, errorType],
    ]);
    for (const e of retries) expect(e.delayMs).toBeGreaterThan(0);
    expect(ofType(r.events, 'order_filled')).toHaveLength(1);
    expect(r.sim.orders()).toHaveLength(1);
  });

  it('a submit whose answer timed out is retried and creates exactly one order at the venue', async () => {
    r = await rig(dialect, { broker: { timeoutMs: 250 } });
    r.sim.inject({ kind: 'slow', path: ORDER_PATH[dialect], method: 'POST', delayMs: 600, when: 'after' });
    const req = request();
    r.broker.submit(req);
    await until(r.events, terminal(req.clientOrderId));
    expect(ofType(r.events, 'broker_retry').map((e) => e.errorType)).toEqual(['RequestTimeout']);
    expect(r.sim.orders().map((o) => o.clientOrderId)).toEqual([req.clientOrderId]);
    expect(ofType(r.events, 'order_accepted')).toHaveLength(1);
    expect(ofType(r.events, 'order_filled').map((e) => e.fill.quantity.toString())).toEqual(['0.01']);
  });

  it('a submit whose connection dropped after execution is found by client order id, not placed again', async () => {
    r = await rig(dialect);
    r.sim.inject({ kind: 'drop', path: ORDER_PATH[dialect], method: 'POST', when: 'after' });
    const req = request({ type: 'limit', limitPrice: new Decimal('30000') });
    r.broker.submit(req);
    await until(r.events, (ev) => ofType(ev, 'order_accepted').length === 1);
    expect(r.sim.orders()).toHaveLength(1);
    expect(r.broker.openOrders()[0]?.orderId).toBe(r.sim.orders()[0]?.orderId);
  });

  it('gives up after the retry cap with a final rejection naming the attempts', async () => {
    r = await rig(dialect);
    r.sim.inject({ kind: 'server_error', path: ORDER_PATH[dialect], method: 'POST', times: 10 });
    const req = request();
    r.broker.submit(req);
    await until(r.events, terminal(req.clientOrderId));
    expect(ofType(r.events, 'broker_retry')).toHaveLength(3);
    expect(ofType(r.events, 'order_rejected')[0]?.reason).toMatch(/gave up after 4 attempts\) \(ExchangeNotAvailable\)/);
    expect(r.sim.orders()).toHaveLength(0);
  });

  it('insufficient balance and a bad key on submit are final: one rejection, no retry', async () => {
    r = await rig(dialect);
    r.sim.inject({ kind: 'insufficient_balance', path: ORDER_PATH[dialect], method: 'POST' });
    const a = request();
    r.broker.submit(a);
    await until(r.events, terminal(a.clientOrderId));
    expect(ofType(r.events, 'order_rejected')[0]?.reason).toMatch(/insufficient balance.*\(InsufficientFunds\)/i);
    expect(ofType(r.events, 'broker_retry')).toEqual([]);
  });

  it('final errors of other operations are broker_error events and thrown, retryable ones retried first', async () => {
    r = await rig(dialect);
    r.sim.inject({ kind: 'rate_limit', path: BALANCE_PATH[dialect] });
    await r.broker.balances();
    expect(ofType(r.events, 'broker_retry').map((e) => e.operation)).toEqual(['fetchBalance']);
    r.sim.inject({ kind: 'bad_key', path: BALANCE_PATH[dialect], times: 5 });
    const err = await failure(r.broker.balances());
    // Binance: ccxt reads a -2015 after a successful request as a temporary ban (DDoSProtection) and retries it.
    expect(err.errorType).toBe(dialect === 'binance' ? 'DDoSProtection' : 'AuthenticationError');
    expect(ofType(r.events, 'broker_error').at(-1)).toMatchObject({ operation: 'fetchBalance', errorType: err.errorType });
  });

  it('measures clock skew at connect, warns above 1 s and signs with the venue time', async () => {
    r = await rig(dialect, { sim: { clockOffsetMs: 25_000 } });
    expect(r.broker.clock?.offsetMs).toBeGreaterThan(24_000);
    expect(r.logs.map((l) => l.level)).toEqual(['warn']);
    expect(r.logs[0]?.message).toMatch(/clock differs from ours by 2\d{4} ms/);
    const balances = await r.broker.balances();
    expect(balances.length).toBeGreaterThan(0);
  });

  it('re-measures the clock after InvalidNonce when the venue clock jumps', async () => {
    r = await rig(dialect);
    r.sim.setClockOffset(-40_000);
    await r.broker.balances();
    expect(ofType(r.events, 'broker_retry').map((e) => e.errorType)).toEqual(['InvalidNonce']);
    expect(r.broker.clock?.offsetMs).toBeLessThan(-39_000);
  });

  it('polling survives transient errors and still reports the fill', async () => {
    r = await rig(dialect);
    r.sim.setPrice('BTCUSDT', '50000');
    const req = request({ type: 'limit', limitPrice: new Decimal('49000') });
    r.broker.submit(req);
    await until(r.events, (ev) => ofType(ev, 'order_accepted').length === 1);
    r.sim.inject({ kind: 'server_error', path: dialect === 'binance' ? '/api/v3/order' : '/v5/order/realtime', method: 'GET', times: 2 });
    r.sim.setPrice('BTCUSDT', '48000');
    await until(r.events, terminal(req.clientOrderId));
    expect(ofType(r.events, 'broker_retry').filter((e) => e.operation === 'fetchOrder').length).toBeGreaterThan(0);
    expect(ofType(r.events, 'order_filled')).toHaveLength(1);
  });
});

describe('connect failures', () => {
  it.each(DIALECTS)('%s: wrong credentials fail connect with AuthenticationError', async (dialect) => {
    r = await rig(dialect, { broker: { credentials: { apiKey: 'sim-key', secret: 'not-the-secret' } }, connect: false });
    const err = await failure(r.broker.connect());
    expect(err.errorType).toBe('AuthenticationError');
  });
});
