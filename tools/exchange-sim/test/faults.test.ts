import ccxt from 'ccxt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startExchangeSim, type ExchangeSim, type FaultKind } from '../src/index';
import { binanceClient, bybitClient, errorOf } from './clients';

let sim: ExchangeSim;
beforeEach(async () => {
  sim = await startExchangeSim({ seed: 3 });
});
afterEach(() => sim.close());

// What ccxt 4.5 raises for each injected fault. Non-JSON is special: ccxt returns the raw text
// (no error at all), which is why CcxtBroker checks bodies itself. slow_body and drop_after_accept
// fail inside the body, past ccxt's timeout and error mapping (tested below on the wire).
const BINANCE_ERRORS: Record<Exclude<FaultKind, 'non_json' | 'slow_body' | 'drop_after_accept'>, string> = {
  rate_limit: 'DDoSProtection',
  ip_ban: 'DDoSProtection',
  server_error: 'ExchangeNotAvailable',
  slow: 'RequestTimeout',
  timestamp: 'InvalidNonce',
  insufficient_balance: 'InsufficientFunds',
  bad_key: 'AuthenticationError',
  drop: 'NetworkError',
};
// Bybit's rate limit is retCode 10006 in a 200 answer, which ccxt maps to RateLimitExceeded.
const EXPECTED = { binance: BINANCE_ERRORS, bybit: { ...BINANCE_ERRORS, rate_limit: 'RateLimitExceeded' } };

describe('fault injection maps to the ccxt error a real venue would cause', () => {
  for (const dialect of ['binance', 'bybit'] as const) {
    for (const [kind, errorName] of Object.entries(EXPECTED[dialect])) {
      it(`${dialect}: ${kind} -> ${errorName}`, async () => {
        const ex = dialect === 'binance' ? binanceClient(sim.url, undefined, 500) : bybitClient(sim.url, undefined, 500);
        await ex.loadMarkets();
        const path = dialect === 'binance' ? '/api/v3/account' : '/v5/account/wallet-balance';
        sim.inject({ kind: kind as FaultKind, path, delayMs: 1000 });
        const err = await errorOf(ex.fetchBalance());
        expect(err.constructor.name).toBe(errorName);
        expect(err).toBeInstanceOf((ccxt as unknown as Record<string, new () => Error>)[errorName]);
        // One-shot: the next request is answered normally.
        await ex.fetchBalance();
      });
    }
    it(`${dialect}: non_json answers 200 with an HTML body`, async () => {
      sim.inject({ kind: 'non_json' });
      const res = await fetch(`${sim.url}${dialect === 'binance' ? '/api/v3/time' : '/v5/market/time'}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/html');
      expect(await res.text()).toMatch(/^<html>/);
    });
  }

  it('a slow answer executes the order before answering late, so the order exists although the client timed out', async () => {
    const ex = binanceClient(sim.url, undefined, 300);
    await ex.loadMarkets();
    sim.inject({ kind: 'slow', path: '/api/v3/order', method: 'POST', delayMs: 800 });
    expect(await errorOf(ex.createOrder('BTC/USDT', 'market', 'buy', 0.001, undefined, { clientOrderId: 'slow-1' }))).toBeInstanceOf(ccxt.RequestTimeout);
    expect(sim.orders().map((o) => o.clientOrderId)).toEqual(['slow-1']);
  });

  it('drop before does not execute, drop after executes and loses the answer', async () => {
    const ex = binanceClient(sim.url);
    await ex.loadMarkets();
    sim.inject({ kind: 'drop', path: '/api/v3/order', method: 'POST', when: 'before' });
    expect(await errorOf(ex.createOrder('BTC/USDT', 'market', 'buy', 0.001, undefined, { clientOrderId: 'd-1' }))).toBeInstanceOf(ccxt.NetworkError);
    expect(sim.orders()).toHaveLength(0);
    sim.inject({ kind: 'drop', path: '/api/v3/order', method: 'POST', when: 'after' });
    expect(await errorOf(ex.createOrder('BTC/USDT', 'market', 'buy', 0.001, undefined, { clientOrderId: 'd-2' }))).toBeInstanceOf(ccxt.NetworkError);
    expect(sim.orders().map((o) => o.clientOrderId)).toEqual(['d-2']);
  });

  it('slow_body executes the request, sends the headers and part of the body, then stalls', async () => {
    sim.inject({ kind: 'slow_body', path: '/api/v3/time', delayMs: 60_000 });
    const stalled = await fetch(`${sim.url}/api/v3/time`);
    expect(stalled.status).toBe(200);
    const reader = stalled.body!.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    expect(first.length).toBeGreaterThan(0);
    expect(first.length).toBeLessThan(Number(stalled.headers.get('content-length')));
    expect(() => JSON.parse(first)).toThrow();
    await reader.cancel();
    expect(sim.requests.at(-1)).toMatchObject({ path: '/api/v3/time', fault: 'slow_body' });
  });

  it('slow_body sends the rest after delayMs', async () => {
    sim.inject({ kind: 'slow_body', path: '/api/v3/time', delayMs: 50 });
    const body = (await (await fetch(`${sim.url}/api/v3/time`)).json()) as { serverTime: number };
    expect(body.serverTime).toBeGreaterThan(0);
  });

  it.each(['binance', 'bybit'] as const)('%s: drop_after_accept books the order, then cuts the connection mid-answer', async (dialect) => {
    const ex = dialect === 'binance' ? binanceClient(sim.url) : bybitClient(sim.url);
    await ex.loadMarkets();
    sim.inject({ kind: 'drop_after_accept', path: dialect === 'binance' ? '/api/v3/order' : '/v5/order/create', method: 'POST' });
    await errorOf(ex.createOrder('BTC/USDT', 'limit', 'buy', 0.001, 30000, { clientOrderId: `daa-${dialect}` }));
    expect(sim.orders().map((o) => o.clientOrderId)).toEqual([`daa-${dialect}`]);
    expect(sim.requests.at(-1)).toMatchObject({ status: 0, fault: 'drop_after_accept' });
  });

  it('honours times, skip, every and a time window', async () => {
    const get = () => fetch(`${sim.url}/api/v3/time`).then((r) => r.status);
    sim.inject({ kind: 'server_error', path: '/time', times: 2, skip: 1, status: 502 });
    expect([await get(), await get(), await get(), await get()]).toEqual([200, 502, 502, 200]);
    sim.clearFaults();
    sim.inject({ kind: 'rate_limit', path: '/time', every: 3 });
    expect([await get(), await get(), await get(), await get(), await get(), await get()]).toEqual([200, 200, 429, 200, 200, 429]);
    sim.clearFaults();
    sim.inject({ kind: 'ip_ban', path: '/time', fromMs: 0, untilMs: 60_000 });
    expect([await get(), await get()]).toEqual([418, 418]);
    sim.clearFaults();
    sim.inject({ kind: 'ip_ban', path: '/time', fromMs: 3_600_000 });
    expect(await get()).toBe(200);
    expect(sim.requests.filter((r) => r.fault).map((r) => r.fault)).toEqual(['server_error', 'server_error', 'rate_limit', 'rate_limit', 'ip_ban', 'ip_ban']);
  });

  it('accepts faults from start options and from the control endpoint', async () => {
    const scheduled = await startExchangeSim({ dialect: 'bybit', faults: [{ kind: 'rate_limit', path: '/v5/market/time', every: 2 }] });
    try {
      const body = () => fetch(`${scheduled.url}/v5/market/time`).then((r) => r.json() as Promise<{ retCode: number }>);
      expect([(await body()).retCode, (await body()).retCode]).toEqual([0, 10006]);
      const added = await fetch(`${scheduled.url}/__sim/faults`, {
        method: 'POST',
        body: JSON.stringify({ kind: 'server_error', path: '/v5/market/tickers' }),
      });
      expect(added.status).toBe(200);
      expect((await fetch(`${scheduled.url}/v5/market/tickers?category=spot`)).status).toBe(503);
      const refused = await fetch(`${scheduled.url}/__sim/faults`, { method: 'POST', body: JSON.stringify({ kind: 'meteor' }) });
      expect(refused.status).toBe(400);
      await fetch(`${scheduled.url}/__sim/faults`, { method: 'DELETE' });
      expect([(await body()).retCode, (await body()).retCode]).toEqual([0, 0]);
    } finally {
      await scheduled.close();
    }
  });
});
