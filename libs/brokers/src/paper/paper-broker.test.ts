import { Decimal } from '@rustybt/engine';
import { describe, expect, it } from 'vitest';
import { PaperBroker } from './paper-broker';
import { bar, MIN, order, paper, T0 } from './test-support';

const statuses = (events: { type: string }[]) => events.map((e) => e.type);

describe('PaperBroker fill models', () => {
  it('next-open (default): an order placed on bar i fills at bar i+1 open', () => {
    const p = paper();
    p.broker.onBar(bar(0, 10, 11, 9, 10.5));
    p.broker.submit(order('buy', 5));
    expect(p.fills()).toEqual([]);
    p.broker.onBar(bar(1, 10.8, 11.2, 10.1, 11));
    expect(p.brief()).toEqual(['buy 5@10.8 fee 0 t1']);
    expect(statuses(p.events)).toEqual(['order_accepted', 'order_filled']);
  });

  it('close: a market order fills at the close of the bar it was placed on', () => {
    const p = paper({ fillAt: 'close' });
    p.broker.onBar(bar(0, 10, 11, 9, 10.5));
    p.broker.submit(order('buy', 5));
    expect(p.brief()).toEqual(['buy 5@10.5 fee 0 t0']);
  });

  it('a resting limit fills on the first bar that reaches it; a gap fills at the open', () => {
    const p = paper();
    p.broker.onBar(bar(0, 100, 101, 99, 100));
    p.broker.submit(order('buy', 1, { type: 'limit', limitPrice: new Decimal(97) }));
    p.broker.submit(order('buy', 1, { type: 'limit', limitPrice: new Decimal(95) }));
    p.broker.onBar(bar(1, 99, 100, 97.5, 98)); // neither
    p.broker.onBar(bar(2, 98, 98, 96, 97)); // first touched at 97
    p.broker.onBar(bar(3, 93, 94, 92, 93)); // gap below 95: fills at the open 93
    expect(p.brief()).toEqual(['buy 1@97 fee 0 t2', 'buy 1@93 fee 0 t3']);
  });

  it('a stop gapped through fills at the (worse) open', () => {
    const p = paper({}, 1_000_000, { X: 10 });
    p.broker.onBar(bar(0, 100, 101, 99, 100));
    p.broker.submit(order('sell', 10, { type: 'stop', stopPrice: new Decimal(95) }));
    p.broker.onBar(bar(1, 99, 100, 96, 97));
    p.broker.onBar(bar(2, 90, 92, 88, 91));
    expect(p.brief()).toEqual(['sell 10@90 fee 0 t2']);
  });

  it('a stop-limit triggered above its limit rests and fills when the price comes back', () => {
    const p = paper();
    p.broker.onBar(bar(0, 100, 100, 100, 100));
    p.broker.submit(order('buy', 1, { type: 'stop_limit', stopPrice: new Decimal(102), limitPrice: new Decimal(101) }));
    p.broker.onBar(bar(1, 100, 104, 100, 103)); // triggered at 102 > limit 101: rests
    p.broker.onBar(bar(2, 103, 104, 102, 103)); // not back at 101
    p.broker.onBar(bar(3, 102, 102, 100.5, 101)); // touches 101
    expect(p.brief()).toEqual(['buy 1@101 fee 0 t3']);
  });
});

describe('PaperBroker partial fills', () => {
  it('fills at most volumeLimit of each bar and carries the rest to later bars', () => {
    const p = paper({ volumeLimit: 0.1 });
    p.broker.onBar(bar(0, 10, 10, 10, 10, 100));
    p.broker.submit(order('buy', 25));
    p.broker.onBar(bar(1, 11, 11, 11, 11, 100));
    p.broker.onBar(bar(2, 12, 12, 12, 12, 100));
    p.broker.onBar(bar(3, 13, 13, 13, 13, 100));
    p.broker.onBar(bar(4, 14, 14, 14, 14, 100));
    expect(p.brief()).toEqual(['buy 10@11 fee 0 t1', 'buy 10@12 fee 0 t2', 'buy 5@13 fee 0 t3']);
    const filled = p.events.filter((e) => e.type === 'order_filled');
    expect(filled.map((e) => e.type === 'order_filled' && [e.order.status, e.order.filledQuantity.toString()])).toEqual([
      ['partially_filled', '10'],
      ['partially_filled', '20'],
      ['filled', '25'],
    ]);
    const last = filled[2]!;
    expect(last.type === 'order_filled' && last.order.averageFillPrice?.toString()).toBe('11.8'); // (110+120+65)/25
  });

  it("shares one bar's volume among all orders of the symbol, in submission order", () => {
    const p = paper({ volumeLimit: 0.5 });
    p.broker.onBar(bar(0, 10, 10, 10, 10, 10));
    p.broker.submit(order('buy', 3));
    p.broker.submit(order('buy', 4));
    p.broker.onBar(bar(1, 10, 10, 10, 10, 10));
    p.broker.onBar(bar(2, 10, 10, 10, 10, 10));
    expect(p.fills().map((f) => `${f.clientOrderId.length > 0 ? 'o' : ''}${f.quantity.toString()} t${(f.time - T0) / MIN}`)).toEqual([
      'o3 t1',
      'o2 t1',
      'o2 t2',
    ]);
  });

  it('treats volume 0 as no volume information (no limit)', () => {
    const p = paper({ volumeLimit: 0.01 });
    p.broker.onBar(bar(0, 10, 10, 10, 10, 0));
    p.broker.submit(order('buy', 500));
    p.broker.onBar(bar(1, 10, 10, 10, 10, 0));
    expect(p.brief()).toEqual(['buy 500@10 fee 0 t1']);
  });

  it('IOC: what is not filled on the first bar is cancelled', () => {
    const p = paper({ volumeLimit: 0.1 });
    p.broker.onBar(bar(0, 10, 10, 10, 10, 100));
    p.broker.submit(order('buy', 25, { timeInForce: 'IOC' }));
    p.broker.onBar(bar(1, 10, 10, 10, 10, 100));
    p.broker.onBar(bar(2, 10, 10, 10, 10, 100));
    expect(p.brief()).toEqual(['buy 10@10 fee 0 t1']);
    expect(p.events.at(-1)).toMatchObject({
      type: 'order_cancelled',
      reason: 'IOC: the unfilled quantity was cancelled',
      order: { status: 'cancelled', filledQuantity: new Decimal(10) },
    });
  });
});

describe('PaperBroker IOC at the close', () => {
  it('gets the submission bar only', () => {
    const p = paper({ fillAt: 'close', volumeLimit: 0.1 });
    p.broker.onBar(bar(0, 10, 10, 10, 10, 100));
    p.broker.submit(order('buy', 25, { timeInForce: 'IOC' }));
    p.broker.onBar(bar(1, 11, 11, 11, 11, 100));
    expect(p.brief()).toEqual(['buy 10@10 fee 0 t0']);
    expect(p.events.at(-1)).toMatchObject({ type: 'order_cancelled', reason: 'IOC: the unfilled quantity was cancelled' });
  });
});

describe('PaperBroker costs', () => {
  const run = (config: object, side: 'buy' | 'sell' = 'buy', extra = {}) => {
    const p = paper(config, 1_000_000, { X: 1000 });
    p.broker.onBar(bar(0, 100, 100, 100, 100, 1000));
    p.broker.submit(order(side, 100, extra));
    p.broker.onBar(bar(1, 100, 101, 98, 100, 1000));
    return p.brief();
  };

  it('per-share commission with a minimum', () => {
    expect(run({ commission: { model: 'per-share', perShare: 0.005, minimum: 1 } })).toEqual(['buy 100@100 fee 1 t1']);
    expect(run({ commission: { model: 'per-share', perShare: 0.02, minimum: 1 } })).toEqual(['buy 100@100 fee 2 t1']);
  });

  it('percent commission', () => {
    expect(run({ commission: { model: 'percent', rate: 0.001 } })).toEqual(['buy 100@100 fee 10 t1']);
  });

  it('maker-taker: a resting limit touched inside the bar is maker, a market order taker', () => {
    const mt = { commission: { model: 'maker-taker', maker: 0.0002, taker: 0.0007 } };
    expect(run(mt)).toEqual(['buy 100@100 fee 7 t1']);
    expect(run(mt, 'buy', { type: 'limit', limitPrice: new Decimal(99) })).toEqual(['buy 100@99 fee 1.98 t1']);
  });

  it('fixed-bps slippage moves the price against the order, never past a limit', () => {
    expect(run({ slippage: { model: 'fixed-bps', bps: 10 } })).toEqual(['buy 100@100.1 fee 0 t1']);
    expect(run({ slippage: { model: 'fixed-bps', bps: 10 } }, 'sell')).toEqual(['sell 100@99.9 fee 0 t1']);
    expect(run({ slippage: { model: 'fixed-bps', bps: 10 } }, 'buy', { type: 'limit', limitPrice: new Decimal(100.05) })).toEqual(['buy 100@100.05 fee 0 t1']);
  });

  it('volume-share slippage grows with the square of the share of volume', () => {
    // 100 of 1000 = 10 %; impact 0.1 x 0.01 = 0.1 %.
    expect(run({ slippage: { model: 'volume-share', priceImpact: 0.1 } })).toEqual(['buy 100@100.1 fee 0 t1']);
  });
});

describe('PaperBroker refusals', () => {
  it('rejects a buy it cannot pay for, counting open orders and fees', () => {
    const p = paper({ commission: { model: 'percent', rate: 0.01 } }, 2000);
    p.broker.onBar(bar(0, 10, 10, 10, 10));
    p.broker.submit(order('buy', 100)); // 1000 + 10
    p.broker.submit(order('buy', 99)); // 990 + 9.9 > 990 free
    expect(p.events.at(-1)).toMatchObject({ type: 'order_rejected', reason: 'insufficient cash: 99 X at 10 costs 999.9, 990 free' });
    p.broker.submit(order('buy', 97));
    expect(p.events.at(-1)?.type).toBe('order_accepted');
  });

  it('cancels the rest when a gap makes a fill unaffordable', () => {
    const p = paper({}, 1000);
    p.broker.onBar(bar(0, 10, 10, 10, 10));
    p.broker.submit(order('buy', 100));
    p.broker.onBar(bar(1, 12, 12, 12, 12));
    expect(p.events.at(-1)).toMatchObject({
      type: 'order_cancelled',
      reason: expect.stringMatching(/^insufficient cash at fill: 100 at 12 plus fees costs 1200, cash is 1000$/),
    });
  });

  it('rejects selling what is not held unless shorting is allowed (and covered by cash)', () => {
    const p = paper({}, 1000, { X: 5 });
    p.broker.onBar(bar(0, 10, 10, 10, 10));
    p.broker.submit(order('sell', 6));
    expect(p.events.at(-1)).toMatchObject({ type: 'order_rejected', reason: expect.stringContaining('5 available (short selling is off)') });
    const s = paper({ allowShort: true }, 1000, { X: 5 });
    s.broker.onBar(bar(0, 10, 10, 10, 10));
    s.broker.submit(order('sell', 105));
    expect(s.events.at(-1)).toMatchObject({ type: 'order_accepted' });
    s.broker.submit(order('sell', 1));
    expect(s.events.at(-1)).toMatchObject({ type: 'order_rejected', reason: expect.stringContaining('insufficient cash to short') });
  });

  it('rejects duplicates, bad prices and unknown symbols', () => {
    const p = paper();
    const o = order('buy', 1);
    p.broker.submit(o);
    expect(p.events.at(-1)).toMatchObject({ type: 'order_rejected', reason: 'no market data for X yet' });
    p.broker.onBar(bar(0, 10, 10, 10, 10));
    p.broker.submit(o);
    expect(p.events.at(-1)).toMatchObject({ type: 'order_rejected', reason: `duplicate client order id ${o.clientOrderId}` });
    p.broker.submit(order('buy', 1, { type: 'limit', limitPrice: new Decimal(0) }));
    expect(p.events.at(-1)).toMatchObject({ reason: 'limit price must be positive' });
  });
});

describe('PaperBroker time rules', () => {
  it('latency delays the first bar an order can fill on, and is seeded', () => {
    const p = paper({ latency: { model: 'fixed', ms: 90_000 } });
    p.broker.onBar(bar(0, 10, 10, 10, 10));
    p.broker.submit(order('buy', 1));
    for (let i = 1; i <= 3; i++) p.broker.onBar(bar(i, 10 + i, 10 + i, 10 + i, 10 + i));
    expect(p.brief()).toEqual(['buy 1@12 fee 0 t2']);

    const delays = (seed: number) => {
      const q = paper({ latency: { model: 'uniform', minMs: 0, maxMs: 300_000 }, seed });
      q.broker.onBar(bar(0, 10, 10, 10, 10));
      for (let k = 0; k < 5; k++) q.broker.submit(order('buy', 1));
      for (let i = 1; i <= 8; i++) q.broker.onBar(bar(i, 10, 10, 10, 10));
      return q.fills().map((f) => (f.time - T0) / MIN);
    };
    expect(delays(7)).toEqual(delays(7));
    expect(delays(7)).not.toEqual(delays(8));
  });

  it('DAY orders expire when a later UTC day starts; cancel works on request', () => {
    const p = paper();
    p.broker.onBar(bar(0, 10, 10, 10, 10));
    p.broker.submit(order('buy', 1, { type: 'limit', limitPrice: new Decimal(5), timeInForce: 'DAY' }));
    const gtc = order('buy', 1, { type: 'limit', limitPrice: new Decimal(5) });
    p.broker.submit(gtc);
    p.broker.onBar(bar(24 * 60, 10, 10, 10, 10));
    expect(p.events.at(-1)).toMatchObject({ type: 'order_expired', order: { status: 'expired' } });
    expect(p.broker.openOrders().map((o) => o.clientOrderId)).toEqual([gtc.clientOrderId]);
    p.broker.cancel(gtc.clientOrderId);
    expect(p.events.at(-1)).toMatchObject({ type: 'order_cancelled', reason: 'cancelled on request' });
    p.broker.cancel(gtc.clientOrderId);
    expect(p.broker.openOrders()).toEqual([]);
  });

  it('restored open orders keep their ids and fill on the next bar', () => {
    const first = paper();
    first.broker.onBar(bar(0, 10, 10, 10, 10));
    first.broker.submit(order('buy', 2, { type: 'limit', limitPrice: new Decimal(9) }));
    const open = first.broker.openOrders();
    const b = new PaperBroker();
    const fills: string[] = [];
    b.events$.subscribe((e) => e.type === 'order_filled' && fills.push(`${e.fill.clientOrderId} ${e.order.orderId} ${e.fill.price.toString()}`));
    b.restore({ cash: new Decimal(100), positions: [], openOrders: open });
    b.onBar(bar(1, 9.5, 9.5, 8.5, 9));
    expect(fills).toEqual([`${open[0]!.clientOrderId} paper-1 9`]);
  });

  it('reports balances: free cash net of open buys', async () => {
    const p = paper({}, 1000, { X: 3 });
    p.broker.onBar(bar(0, 10, 10, 10, 10));
    p.broker.submit(order('buy', 10, { type: 'limit', limitPrice: new Decimal(8) }));
    const b = await p.broker.balances();
    expect(b.map((x) => [x.asset, x.free.toString(), x.used.toString(), x.total.toString()])).toEqual([
      ['USD', '920', '80', '1000'],
      ['X', '3', '0', '3'],
    ]);
  });
});
