import { Decimal, type BrokerEvent } from '@rustybt/engine';
import fc from 'fast-check';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BALANCE_PATH, DIALECTS, LOOKUP_PATH, ORDER_PATH, failure, ofType, request, rig, within, type DialectName, type Rig } from './harness';

let r: Rig | undefined;
afterEach(async () => {
  await r?.close();
  r = undefined;
});

// A stall far longer than any bound below: a call that waits for it fails the test by `within`.
const STALL_MS = 120_000;
const TICKER_PATH = { binance: '/api/v3/ticker/24hr', bybit: '/v5/market/tickers' } as const;
const OPEN_ORDERS_PATH = { binance: '/api/v3/openOrders', bybit: '/v5/order/realtime' } as const;
const TRADES_PATH = { binance: '/api/v3/myTrades', bybit: '/v5/execution/list' } as const;

describe.each(DIALECTS)('CcxtBroker deadlines against the %s emulator', (dialect) => {
  it('a body that stalls after the headers ends the attempt at the deadline; the retry gets the answer', async () => {
    r = await rig(dialect);
    r.sim.inject({ kind: 'slow_body', path: BALANCE_PATH[dialect], delayMs: STALL_MS });
    const balances = await within(r.broker.balances(), 15_000, 'balances()');
    expect(balances.find((b) => b.asset === 'USDT')?.total.toString()).toBe('100000');
    // The first retry is the stall's; a loaded machine may add more, all bounded the same way.
    expect(ofType(r.events, 'broker_retry').map((e) => [e.operation, e.errorType])[0]).toEqual(['fetchBalance', 'RequestTimeout']);
  });

  it('a body that stalls on every attempt fails the call with RequestTimeout after the attempts', async () => {
    r = await rig(dialect);
    r.sim.inject({ kind: 'slow_body', path: BALANCE_PATH[dialect], delayMs: STALL_MS, times: 10 });
    const err = await within(failure(r.broker.balances()), 15_000, 'balances()');
    expect(err.errorType).toBe('RequestTimeout');
    expect(err.message).toMatch(/gave up after 4 attempts/);
    expect(r.sim.requests.filter((q) => q.fault === 'slow_body')).toHaveLength(4);
  });

  it('connect rides out a stalled markets body: the retry really asks again (ccxt caches a failed loadMarkets)', async () => {
    r = await rig(dialect, { connect: false });
    r.sim.inject({ kind: 'slow_body', path: dialect === 'binance' ? '/api/v3/exchangeInfo' : '/v5/market/instruments-info', delayMs: STALL_MS });
    await within(r.broker.connect(), 30_000, 'connect()');
    expect(r.broker.market('BTC/USDT')?.active).toBe(true);
    expect(ofType(r.events, 'broker_retry').map((e) => [e.operation, e.errorType])[0]).toEqual(['loadMarkets', 'RequestTimeout']);
  });

  it('a markets attempt whose request is still settling when the retry starts does not hand the retry the stalled promise', async () => {
    r = await rig(dialect, { connect: false });
    const ex = await r.broker.client();
    // The transport of the first markets request never settles, abort or not (an abort that has not
    // reached the request yet); ccxt would keep handing out the promise waiting on it.
    const slot = ex as unknown as { fetchImplementation: (...a: unknown[]) => Promise<unknown> };
    const real = slot.fetchImplementation;
    let held = 0;
    slot.fetchImplementation = (...a: unknown[]) => (held++ === 0 ? new Promise(() => undefined) : real(...a));
    await within(r.broker.connect(), 30_000, 'connect()');
    expect(r.broker.market('BTC/USDT')?.active).toBe(true);
    expect(ofType(r.events, 'broker_retry').map((e) => e.operation)[0]).toBe('loadMarkets');
  });

  it('close() does not wait on a hung call: the call ends as BrokerClosed', async () => {
    r = await rig(dialect, { broker: { timeoutMs: 60_000 } });
    r.sim.inject({ kind: 'slow_body', path: BALANCE_PATH[dialect], delayMs: STALL_MS });
    const pending = failure(r.broker.balances());
    const sim = r.sim;
    await within(
      (async () => {
        while (!sim.requests.some((q) => q.fault === 'slow_body')) await new Promise((res) => setTimeout(res, 5));
      })(),
      10_000,
      'the stalled request',
    );
    await within(r.broker.close(), 10_000, 'close()');
    expect((await within(pending, 10_000, 'the hung call')).errorType).toBe('BrokerClosed');
  });
});

// ---- property: for any mix of faults, every operation ends within attempts x deadline + backoff ----

const T = 400;
const ATTEMPTS = 2;
const MAX_DELAY = 40;
const RECV_WINDOW = 1000;
/** One call: every attempt at its deadline ((requests + 1) x T, see CcxtBroker.call), the backoffs between them. */
const callBound = (requests: number) => ATTEMPTS * (requests + 1) * T + (ATTEMPTS - 1) * MAX_DELAY;
/** A submit: its attempts (a lookup and a send each), then, in doubt, a lookup, the wait for recvWindow and one more lookup. */
const SUBMIT_BOUND = callBound(2) + callBound(4) + RECV_WINDOW + 1000 + callBound(4);
const BOUND = { balances: callBound(1), ticker: callBound(1), venueOrder: callBound(1), submitMarket: SUBMIT_BOUND, submitLimit: SUBMIT_BOUND } as const;
type Op = keyof typeof BOUND;
const KINDS = ['slow', 'slow_body', 'drop', 'drop_after_accept', 'server_error', 'rate_limit', 'non_json', 'ip_ban'] as const;

const faultArb = (d: DialectName) =>
  fc.record({
    kind: fc.constantFrom(...KINDS),
    path: fc.constantFrom(ORDER_PATH[d], LOOKUP_PATH[d], BALANCE_PATH[d], TICKER_PATH[d], OPEN_ORDERS_PATH[d], TRADES_PATH[d]),
    method: fc.constantFrom('GET' as const, 'POST' as const),
    times: fc.integer({ min: 1, max: 4 }),
    when: fc.constantFrom('before' as const, 'after' as const),
  });

/** Runs one operation to its end: a call's settlement, or a submit's first verdict (accepted, rejected, or left unknown after failed lookups). */
async function run(x: Rig, op: Op, id: string): Promise<void> {
  const b = x.broker;
  if (op === 'balances') await b.balances().catch(() => undefined);
  else if (op === 'ticker') await b.lastPrice('BTC/USDT').catch(() => undefined);
  else if (op === 'venueOrder') await b.venueOrder('BTC/USDT', 'never-sent').catch(() => undefined);
  else {
    b.submit(request(op === 'submitMarket' ? { clientOrderId: id } : { clientOrderId: id, type: 'limit', limitPrice: new Decimal('30000') }));
    const ended = (e: BrokerEvent) =>
      ('order' in e && e.order.clientOrderId === id && (e.type === 'order_accepted' || e.type === 'order_rejected')) ||
      (e.type === 'broker_error' && e.operation === 'lookupOrder');
    while (!x.events.some(ended)) await new Promise((res) => setTimeout(res, 5));
  }
}

describe.each(DIALECTS)('property against the %s emulator', (dialect) => {
  // The first connect of a process pays for loading ccxt: not a venue call's business.
  beforeAll(async () => {
    await (await rig(dialect)).close();
  });

  it('every broker operation ends within attempts x deadline + backoff, and a rejected order is never at the venue', { timeout: 240_000 }, async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(faultArb(dialect), { maxLength: 3 }), fc.constantFrom(...(Object.keys(BOUND) as Op[])), async (faults, op) => {
        const x = await rig(dialect, {
          broker: { timeoutMs: T, recvWindowMs: RECV_WINDOW, retry: { maxAttempts: ATTEMPTS, baseDelayMs: 5, maxDelayMs: MAX_DELAY, seed: 3 } },
        });
        try {
          x.sim.inject(faults.map((f) => ({ ...f, delayMs: STALL_MS })));
          const id = `prop-${dialect}-${++n}`;
          const start = Date.now();
          // Generous slack over the bound: a loaded machine is slow, a hang (STALL_MS) is far beyond it.
          await within(run(x, op, id), BOUND[op] * 2 + 5000, `${op} with faults ${JSON.stringify(faults)}`);
          expect(Date.now() - start).toBeLessThanOrEqual(BOUND[op] * 2 + 5000);
          const atVenue = x.sim.orders().filter((o) => o.clientOrderId === id);
          expect(atVenue.length).toBeLessThanOrEqual(1);
          if (atVenue.length === 1) expect(ofType(x.events, 'order_rejected').filter((e) => e.order.clientOrderId === id)).toEqual([]);
        } finally {
          await within(x.close(), 10_000, 'close()');
        }
      }),
      { numRuns: 15, seed: 12, endOnFailure: true },
    );
  });
});
