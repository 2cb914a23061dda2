import { Decimal } from '@rustybt/engine';
import { afterEach, describe, expect, it } from 'vitest';
import { DIALECTS, ofType, request, rig, terminal, until, type Rig } from './harness';

let r: Rig | undefined;
afterEach(async () => {
  await r?.close();
  r = undefined;
});

describe.each(DIALECTS)('CcxtBroker against the %s emulator', (dialect) => {
  it('connects, reads balances, market metadata, permissions and the clock', async () => {
    r = await rig(dialect);
    const balances = await r.broker.balances();
    expect(balances.find((b) => b.asset === 'USDT')).toMatchObject({ free: new Decimal(100000), used: new Decimal(0), total: new Decimal(100000) });
    const m = r.broker.market('BTC/USDT');
    expect(m?.active).toBe(true);
    expect(m?.minAmount?.toString()).toBe('0.00001');
    expect(await r.broker.permissions()).toMatchObject({ canTrade: true, canWithdraw: false });
    expect(Math.abs(r.broker.clock?.offsetMs ?? 99)).toBeLessThan(50);
    expect(r.logs).toEqual([]);
  });

  it('submits a market order: accepted, then filled with the venue commission', async () => {
    r = await rig(dialect);
    r.sim.setPrice('BTCUSDT', '50000');
    const req = request();
    r.broker.submit(req);
    await until(r.events, terminal(req.clientOrderId));
    expect(r.events.map((e) => e.type)).toEqual(['order_accepted', 'order_filled']);
    const filled = ofType(r.events, 'order_filled')[0];
    expect(filled?.order).toMatchObject({ status: 'filled', clientOrderId: req.clientOrderId });
    expect(filled?.fill.quantity.toString()).toBe('0.01');
    expect(filled?.fill.price.toString()).toBe('50005');
    expect(filled?.fill.commission.toString()).toBe('0.00001');
    expect(r.sim.orders().map((o) => o.clientOrderId)).toEqual([req.clientOrderId]);
  });

  it('rests a limit order, fills it by polling when the price crosses, and cancels another', async () => {
    r = await rig(dialect);
    r.sim.setPrice('BTCUSDT', '50000');
    const buy = request({ type: 'limit', limitPrice: new Decimal('49000') });
    const sell = request({ type: 'limit', side: 'sell', limitPrice: new Decimal('60000'), quantity: new Decimal('0.001') });
    r.broker.submit(buy);
    r.broker.submit(sell);
    await until(r.events, (ev) => ofType(ev, 'order_accepted').length === 2);
    expect(
      r.broker
        .openOrders()
        .map((o) => o.clientOrderId)
        .sort(),
    ).toEqual([buy.clientOrderId, sell.clientOrderId].sort());
    r.sim.setPrice('BTCUSDT', '48000');
    await until(r.events, terminal(buy.clientOrderId));
    expect(ofType(r.events, 'order_filled')[0]?.fill.price.toString()).toBe('49000');
    r.broker.cancel(sell.clientOrderId);
    await until(r.events, terminal(sell.clientOrderId));
    expect(ofType(r.events, 'order_cancelled')[0]?.order.clientOrderId).toBe(sell.clientOrderId);
    expect(r.broker.openOrders()).toEqual([]);
  });

  it('reports a limit order that fills in parts as one fill per venue trade, partially filled then filled', async () => {
    r = await rig(dialect);
    r.sim.setPrice('BTCUSDT', '50000');
    r.sim.setDepth('BTCUSDT', '0.01');
    const buy = request({ type: 'limit', limitPrice: new Decimal('51000'), quantity: new Decimal('0.03') });
    r.broker.submit(buy);
    await until(r.events, terminal(buy.clientOrderId));
    const fills = ofType(r.events, 'order_filled');
    expect(fills.map((e) => e.fill.quantity.toString())).toEqual(['0.01', '0.01', '0.01']);
    expect(new Set(fills.map((e) => e.fill.fillId)).size).toBe(3);
    expect(fills.map((e) => e.order.status)).toEqual(['partially_filled', 'partially_filled', 'filled']);
    expect(fills.map((e) => e.order.filledQuantity.toString())).toEqual(['0.01', '0.02', '0.03']);
  });

  it('turns final venue errors into rejections with the venue message, without retrying', async () => {
    r = await rig(dialect);
    const big = request({ quantity: new Decimal('1000') });
    const unknown = request({ symbol: 'DOGE/USDT' });
    r.broker.submit(big);
    r.broker.submit(unknown);
    await until(r.events, (ev) => terminal(big.clientOrderId)(ev) && terminal(unknown.clientOrderId)(ev));
    const reasons = ofType(r.events, 'order_rejected').map((e) => e.reason);
    expect(reasons.find((x) => x.includes('InsufficientFunds'))).toMatch(/insufficient balance/i);
    expect(reasons.find((x) => x.includes('DOGE'))).toMatch(/no market DOGE\/USDT/);
    expect(ofType(r.events, 'broker_retry')).toEqual([]);
  });

  it('looks our orders up by client order id and lists the open ones, for reconciliation', async () => {
    r = await rig(dialect);
    r.sim.setPrice('BTCUSDT', '50000');
    const market = request({ clientOrderId: 'look-1' });
    const resting = request({ clientOrderId: 'rest-1', type: 'limit', limitPrice: new Decimal('30000') });
    r.broker.submit(market);
    r.broker.submit(resting);
    await until(r.events, (ev) => terminal('look-1')(ev) && ofType(ev, 'order_accepted').length === 2);
    const seen = await r.broker.venueOrder('BTC/USDT', 'look-1');
    expect(seen?.filled.toString()).toBe('0.01');
    expect(seen?.cost.toString()).toBe('500.05');
    expect(await r.broker.venueOrder('BTC/USDT', 'never-sent-1')).toBeUndefined();
    expect((await r.broker.venueOpenOrders('BTC/USDT')).map((o) => [o.clientOrderId, o.side, o.amount.toString()])).toEqual([['rest-1', 'buy', '0.01']]);
  });

  it('adopts open orders at connect and treats a resubmit of a known order as a no-op', async () => {
    r = await rig(dialect);
    const req = request({ type: 'limit', limitPrice: new Decimal('30000'), clientOrderId: 'resume-1' });
    r.broker.submit(req);
    await until(r.events, (ev) => ofType(ev, 'order_accepted').length === 1);
    // A second broker (a restarted process) sees the open order and does not place it again.
    const { CcxtBroker } = await import('../src/index');
    const again = new CcxtBroker({ ...r.broker.options });
    await again.connect();
    expect(again.openOrders().map((o) => o.clientOrderId)).toEqual(['resume-1']);
    again.submit(req);
    await again.close();
    expect(r.sim.orders()).toHaveLength(1);
  });

  it('adopts the existing order when a fresh broker resubmits a client order id the venue already has', async () => {
    r = await rig(dialect);
    const req = request({ clientOrderId: 'dup-1' });
    r.broker.submit(req);
    await until(r.events, terminal('dup-1'));
    const { CcxtBroker } = await import('../src/index');
    const fresh = new CcxtBroker({ ...r.broker.options });
    const events: string[] = [];
    fresh.events$.subscribe((e) => events.push(e.type));
    await fresh.connect();
    fresh.submit(req);
    await until([], () => events.includes('order_filled') || events.includes('order_rejected'));
    await fresh.close();
    expect(events).toContain('order_filled');
    expect(r.sim.orders()).toHaveLength(1);
  });
});
