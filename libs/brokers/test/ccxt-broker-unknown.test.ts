import { Decimal } from '@rustybt/engine';
import { afterEach, describe, expect, it } from 'vitest';
import { DIALECTS, LOOKUP_PATH, ORDER_PATH, ofType, request, rig, terminal, until, type Rig } from './harness';

let r: Rig | undefined;
let restarted: Rig | undefined;
afterEach(async () => {
  await restarted?.close();
  await r?.close();
  r = undefined;
  restarted = undefined;
});

const STALL_MS = 120_000;
const rejectedIds = (x: Rig) => ofType(x.events, 'order_rejected').map((e) => e.order.clientOrderId);

describe.each(DIALECTS)('submits whose outcome is unknown, against the %s emulator', (dialect) => {
  it('drop_after_accept on a limit order: looked up by client order id and adopted, one order at the venue, never rejected', async () => {
    r = await rig(dialect);
    r.sim.inject({ kind: 'drop_after_accept', path: ORDER_PATH[dialect], method: 'POST' });
    const req = request({ type: 'limit', limitPrice: new Decimal('30000') });
    r.broker.submit(req);
    await until(r.events, (ev) => ofType(ev, 'order_accepted').length === 1);
    expect(r.sim.orders().map((o) => o.clientOrderId)).toEqual([req.clientOrderId]);
    expect(r.broker.openOrders()[0]).toMatchObject({ status: 'accepted', orderId: r.sim.orders()[0]?.orderId });
    expect(rejectedIds(r)).toEqual([]);
  });

  it('drop_after_accept on a market order: filled exactly once', async () => {
    r = await rig(dialect);
    r.sim.inject({ kind: 'drop_after_accept', path: ORDER_PATH[dialect], method: 'POST' });
    const req = request();
    r.broker.submit(req);
    await until(r.events, terminal(req.clientOrderId));
    expect(r.sim.orders().map((o) => [o.clientOrderId, o.status])).toEqual([[req.clientOrderId, 'FILLED']]);
    expect(ofType(r.events, 'order_filled').map((e) => e.fill.quantity.toString())).toEqual(['0.01']);
    expect(rejectedIds(r)).toEqual([]);
  });

  it('a submit answer whose body stalls on every attempt: the order is found at the venue, not rejected', async () => {
    r = await rig(dialect, { broker: { timeoutMs: 500 } });
    r.sim.inject({ kind: 'slow_body', path: ORDER_PATH[dialect], method: 'POST', delayMs: STALL_MS, times: 10 });
    const req = request({ type: 'limit', limitPrice: new Decimal('30000') });
    r.broker.submit(req);
    await until(r.events, (ev) => ofType(ev, 'order_accepted').length === 1, 15_000);
    expect(r.sim.orders().map((o) => o.clientOrderId)).toEqual([req.clientOrderId]);
    expect(rejectedIds(r)).toEqual([]);
  });

  it('while the venue cannot be asked the order stays unknown (logged once), and is adopted when it answers', async () => {
    r = await rig(dialect, { broker: { timeoutMs: 500, pollIntervalMs: 50 } });
    r.sim.inject([
      { kind: 'slow_body', path: ORDER_PATH[dialect], method: 'POST', delayMs: STALL_MS, times: 10 },
      { kind: 'server_error', path: LOOKUP_PATH[dialect], method: 'GET', times: 1000 },
    ]);
    const req = request({ type: 'limit', limitPrice: new Decimal('30000') });
    r.broker.submit(req);
    await until(r.events, (ev) => ev.some((e) => e.type === 'broker_error' && e.operation === 'lookupOrder'), 15_000);
    expect(ofType(r.events, 'order_unknown').map((e) => [e.order.clientOrderId, e.order.status])).toEqual([[req.clientOrderId, 'unknown']]);
    expect(
      ofType(r.events, 'broker_error')
        .filter((e) => e.errorType === 'OrderOutcomeUnknown')
        .map((e) => e.message),
    ).toEqual([expect.stringMatching(new RegExp(`^${req.clientOrderId}: .*looking it up at ${dialect} by client order id`))]);
    expect(r.broker.openOrders().map((o) => o.status)).toEqual(['unknown']);
    r.sim.clearFaults();
    await until(r.events, (ev) => ofType(ev, 'order_accepted').length === 1, 15_000);
    expect(ofType(r.events, 'order_unknown')).toHaveLength(1);
    expect(r.sim.orders()).toHaveLength(1);
    expect(rejectedIds(r)).toEqual([]);
  });

  it('5xx on every attempt, never executed: truly absent, so rejected with a reason saying it was looked up', async () => {
    r = await rig(dialect);
    r.sim.inject({ kind: 'server_error', path: ORDER_PATH[dialect], method: 'POST', times: 10 });
    const req = request();
    r.broker.submit(req);
    await until(r.events, terminal(req.clientOrderId));
    expect(ofType(r.events, 'order_rejected')[0]?.reason).toMatch(
      new RegExp(`gave up after 4 attempts\\) \\(ExchangeNotAvailable\\); ${dialect} has no order with client order id ${req.clientOrderId}`),
    );
    expect(r.sim.orders()).toHaveLength(0);
  });

  it('a restarted broker recovers an unknown order by client order id, never sending it again', async () => {
    r = await rig(dialect);
    // The previous run: the venue booked a resting order and one that filled; the answers were lost.
    const resting = request({ type: 'limit', limitPrice: new Decimal('30000') });
    const filled = request();
    const lost = request();
    r.sim.inject({ kind: 'drop_after_accept', path: ORDER_PATH[dialect], method: 'POST', times: 2 });
    r.broker.submit(resting);
    r.broker.submit(filled);
    await until(r.events, (ev) => ofType(ev, 'order_accepted').length === 2);
    await r.broker.close();
    expect(r.sim.orders()).toHaveLength(2);
    // Same venue, new process: point a fresh broker at the first emulator.
    restarted = await rigOn(r);
    for (const q of [resting, filled, lost]) restarted.broker.recover(q, Date.now() - 60_000);
    await until(
      restarted.events,
      (ev) =>
        terminal(lost.clientOrderId)(ev) &&
        terminal(filled.clientOrderId)(ev) &&
        ofType(ev, 'order_accepted').some((e) => e.order.clientOrderId === resting.clientOrderId),
    );
    expect(ofType(restarted.events, 'order_rejected').map((e) => [e.order.clientOrderId, e.reason])).toEqual([
      [lost.clientOrderId, expect.stringMatching(/has no order with client order id/)],
    ]);
    expect(ofType(restarted.events, 'order_filled').map((e) => e.order.clientOrderId)).toEqual([filled.clientOrderId]);
    expect(r.sim.orders()).toHaveLength(2);
  });
});

/** A second broker process on the same emulator. */
async function rigOn(first: Rig): Promise<Rig> {
  const { CcxtBroker } = await import('../src/index');
  const broker = new CcxtBroker({ ...first.broker.options, credentials: { apiKey: 'sim-key', secret: 'sim-secret' } });
  const events: Rig['events'] = [];
  broker.events$.subscribe((e) => events.push(e));
  await broker.connect();
  return { sim: first.sim, broker, events, logs: [], close: () => broker.close() };
}
