import Decimal from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Fill } from '../model/order';
import { Portfolio } from './portfolio';
import { TradeTracker } from './trade-tracker';

let n = 0;
const fill = (side: 'buy' | 'sell', quantity: string | number, price: string | number, commission: string | number = 0, time = 0): Fill => ({
  fillId: `f${++n}`,
  clientOrderId: `o${n}`,
  symbol: 'X',
  side,
  quantity: new Decimal(quantity),
  price: new Decimal(price),
  commission: new Decimal(commission),
  time,
});

describe('Portfolio accounting', () => {
  it('averages entries, realises PnL on reductions, and flips', () => {
    const pf = new Portfolio(new Decimal(10_000));
    pf.applyFill(fill('buy', 10, 100, 1));
    pf.applyFill(fill('buy', 10, 110, 1));
    const p = pf.position('X');
    expect(p.quantity.toString()).toBe('20');
    expect(p.averagePrice.toString()).toBe('105');
    expect(pf.cash.toString()).toBe('7898'); // 10000 - 1000 - 1100 - 2
    const e = pf.applyFill(fill('sell', 5, 120, 0.5));
    expect(e.realized.toString()).toBe('75'); // 5 x (120 - 105)
    expect(p.averagePrice.toString()).toBe('105');
    // Sell 25: closes 15 at 90 (-225) and opens a 10 short at 90.
    const flip = pf.applyFill(fill('sell', 25, 90, 0));
    expect(flip.realized.toString()).toBe('-225');
    expect(p.quantity.toString()).toBe('-10');
    expect(p.averagePrice.toString()).toBe('90');
    expect(pf.realizedPnl.toString()).toBe('-150');
    expect(pf.fees.toString()).toBe('2.5');
    pf.mark('X', 80);
    expect(p.unrealizedPnl.toString()).toBe('100');
    // equity = capital + realised + unrealised - fees
    expect(pf.equity().toString()).toBe(new Decimal(10_000).add(-150).add(100).sub(2.5).toString());
    expect(pf.equityNumber()).toBeCloseTo(pf.equity().toNumber(), 9);
  });

  it('keeps the float equity estimate in step with marks', () => {
    const pf = new Portfolio(new Decimal(1000));
    pf.applyFill(fill('buy', 3, 10));
    pf.mark('X', 12);
    pf.mark('X', 11.5);
    expect(pf.equity().toString()).toBe('1004.5');
    expect(pf.equityNumber()).toBeCloseTo(1004.5, 9);
    expect(pf.openPositionCount).toBe(1);
  });

  it('round-trips through JSON', () => {
    const pf = new Portfolio(new Decimal(1000));
    pf.applyFill(fill('buy', 3, 10, 0.25));
    pf.mark('X', 12);
    const back = Portfolio.fromJSON(1000, JSON.parse(JSON.stringify(pf.toJSON())));
    expect(back.toJSON()).toEqual(pf.toJSON());
    expect(back.equity().toString()).toBe(pf.equity().toString());
  });

  it('conserves cash + positions at fill prices, net of fees (property)', () => {
    const fillArb = fc.record({
      side: fc.constantFrom<'buy' | 'sell'>('buy', 'sell'),
      quantity: fc.integer({ min: 1, max: 10_000 }).map((q) => new Decimal(q).div(100)),
      price: fc.integer({ min: 1, max: 1_000_000 }).map((p) => new Decimal(p).div(100)),
      commission: fc.integer({ min: 0, max: 1000 }).map((c) => new Decimal(c).div(100)),
    });
    fc.assert(
      fc.property(fc.array(fillArb, { maxLength: 60 }), (fills) => {
        const capital = new Decimal(1_000_000);
        const pf = new Portfolio(capital);
        const trades = new TradeTracker();
        let flow = new Decimal(0);
        let fees = new Decimal(0);
        let qty = new Decimal(0);
        fills.forEach((f, i) => {
          const full: Fill = { ...fill(f.side, 0, 0), ...f, time: i };
          trades.onFill(full, pf.applyFill(full));
          const signed = f.side === 'buy' ? f.quantity : f.quantity.neg();
          flow = flow.add(signed.mul(f.price));
          fees = fees.add(f.commission);
          qty = qty.add(signed);
        });
        expect(pf.cash.add(flow).add(fees).eq(capital)).toBe(true);
        expect(pf.position('X').quantity.eq(qty)).toBe(true);
        expect(pf.fees.eq(fees)).toBe(true);
        // Marked at the last fill price, equity = capital + realised + unrealised - fees.
        const last = fills[fills.length - 1];
        if (last) {
          pf.mark('X', last.price.toNumber());
          const p = pf.position('X');
          // Average prices are rounded to 20 significant digits, so this identity holds to that precision.
          expect(pf.equity().sub(capital.add(pf.realizedPnl).add(p.unrealizedPnl).sub(fees)).abs().lte('1e-9')).toBe(true);
        }
        // Back to flat, the round trips account for all realised PnL and every fee.
        if (qty.isZero()) {
          const tradePnl = trades.closed.reduce((a, t) => a.add(t.pnl), new Decimal(0));
          expect(tradePnl.eq(pf.realizedPnl.sub(fees))).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('TradeTracker', () => {
  it('records a round trip with entry/exit averages and net PnL', () => {
    const pf = new Portfolio(new Decimal(10_000));
    const t = new TradeTracker();
    for (const f of [fill('buy', 10, 100, 1, 1), fill('buy', 10, 110, 1, 2), fill('sell', 20, 120, 2, 3)]) t.onFill(f, pf.applyFill(f));
    expect(t.closed).toHaveLength(1);
    const tr = t.closed[0]!;
    expect(tr.side).toBe('long');
    expect([tr.entryTime, tr.exitTime]).toEqual([1, 3]);
    expect(tr.entryPrice.toString()).toBe('105');
    expect(tr.exitPrice.toString()).toBe('120');
    expect(tr.quantity.toString()).toBe('20');
    expect(tr.pnl.toString()).toBe('296'); // 20 x 15 - 4
  });

  it('splits a reversal into a closed trade and a new one', () => {
    const pf = new Portfolio(new Decimal(10_000));
    const t = new TradeTracker();
    for (const f of [fill('buy', 10, 100, 0, 1), fill('sell', 15, 90, 3, 2), fill('buy', 5, 80, 0, 3)]) t.onFill(f, pf.applyFill(f));
    expect(t.closed.map((x) => [x.side, x.quantity.toString(), x.pnl.toString()])).toEqual([
      ['long', '10', '-102'], // -100 and 2 of the 3 commission
      ['short', '5', '49'], // 5 x 10 - 1
    ]);
  });
});
