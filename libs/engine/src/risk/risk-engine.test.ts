import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import type { OrderRequest } from '../model/order';
import { riskLimitsSchema } from './limits';
import { type OrderExposure, RiskEngine } from './risk-engine';

const req = (side: 'buy' | 'sell', quantity: number | string): OrderRequest => ({
  clientOrderId: 'r-1',
  symbol: 'X',
  side,
  type: 'market',
  quantity: new Decimal(quantity),
  timeInForce: 'GTC',
  createdAt: 0,
});

const exposure = (o: { price?: number; before?: number; equity?: number; gross?: number; open?: number } = {}, quantity = 0): OrderExposure => {
  const equity = new Decimal(o.equity ?? 10_000);
  const gross = new Decimal(o.gross ?? Math.abs(o.before ?? 0) * (o.price ?? 100));
  return {
    referencePrice: () => new Decimal(o.price ?? 100),
    projectedBefore: new Decimal(o.before ?? 0),
    openPositions: o.open ?? ((o.before ?? 0) !== 0 ? 1 : 0),
    estimate: { referencePrice: o.price ?? 100, projectedBefore: o.before ?? 0, quantity, equity: equity.toNumber(), grossExposure: gross.toNumber() },
    exact: () => ({ equity, grossExposure: gross }),
  };
};

const engine = (limits: object = {}) => new RiskEngine(riskLimitsSchema.parse(limits));

describe('RiskEngine rules', () => {
  it('documents its defaults in the schema', () => {
    expect(riskLimitsSchema.parse({})).toEqual({
      maxPositionFraction: 1,
      maxLeverage: 1,
      maxDailyLoss: 0.05,
      dailyLossAction: 'reduce',
      maxOpenPositions: 10,
      maxOrdersPerMinute: 60,
    });
    expect(() => riskLimitsSchema.parse({ maxLeverage: -1 })).toThrow();
    expect(() => riskLimitsSchema.parse({ maxLevrage: 2 })).toThrow();
  });

  it('rejects a position above its fraction of equity, with the numbers', () => {
    const r = engine({ maxPositionFraction: 0.5 });
    expect(r.check(req('buy', 50), exposure({}, 50), 0)).toEqual({ ok: true, reducing: false });
    expect(r.check(req('buy', 51), exposure({}, 51), 0)).toEqual({
      ok: false,
      rule: 'max_position_size',
      detail: 'position value 5100 would exceed 0.5 of equity 10000',
      limit: '5000',
      value: '5100',
    });
  });

  it('counts open orders and other symbols against leverage', () => {
    const r = engine({ maxLeverage: 1.5 });
    // 8000 held elsewhere + 70 x 100 = 15000 = 1.5 x equity: allowed; one more is not.
    expect(r.check(req('buy', 70), exposure({ gross: 8000 }, 70), 0).ok).toBe(true);
    const d = r.check(req('buy', 71), exposure({ gross: 8000 }, 71), 0);
    expect(d).toMatchObject({ ok: false, rule: 'max_leverage', limit: '1.5', value: '1.51' });
  });

  it('limits notional per opening order and the number of open positions', () => {
    const r = engine({ maxNotionalPerOrder: '1000', maxOpenPositions: 2 });
    expect(r.check(req('buy', 11), exposure({}, 11), 0)).toMatchObject({ ok: false, rule: 'max_notional_per_order', limit: '1000', value: '1100' });
    expect(r.check(req('buy', 1), exposure({ open: 2 }, 1), 0)).toMatchObject({ ok: false, rule: 'max_open_positions', limit: '2', value: '3' });
    // Adding to a held symbol is not a new position.
    expect(r.check(req('buy', 1), exposure({ open: 2, before: 1 }, 1), 0).ok).toBe(true);
  });

  it('lets exposure-reducing orders through the size rules', () => {
    const r = engine({ maxPositionFraction: 0.1 });
    expect(r.check(req('sell', 50), exposure({ before: 80 }, -50), 0)).toEqual({ ok: true, reducing: true });
    // A sell through zero into a short opens exposure and is checked.
    expect(r.check(req('sell', 100), exposure({ before: 80 }, -100), 0)).toMatchObject({ ok: false, rule: 'max_position_size' });
  });

  it('limits orders per minute of clock time', () => {
    const r = engine({ maxOrdersPerMinute: 2 });
    for (const t of [0, 1000]) {
      expect(r.check(req('buy', 1), exposure({}, 1), t).ok).toBe(true);
      r.recordSubmitted(t);
    }
    expect(r.check(req('buy', 1), exposure({}, 1), 59_999)).toMatchObject({ ok: false, rule: 'max_orders_per_minute', limit: '2', value: '3' });
    expect(r.check(req('buy', 1), exposure({}, 1), 60_000).ok).toBe(true);
  });

  it('rejects with non-positive equity and bad quantities', () => {
    const r = engine();
    expect(r.check(req('buy', 1), exposure({ equity: 0 }, 1), 0)).toMatchObject({ ok: false, rule: 'max_leverage' });
    expect(r.check(req('buy', 0), exposure({}, 0), 0)).toMatchObject({ ok: false, rule: 'invalid_order' });
  });
});

describe('RiskEngine states', () => {
  it('goes REDUCING on a daily-loss breach and back to ACTIVE on the next UTC day', () => {
    const r = engine({ maxDailyLoss: 0.1 });
    const day1 = Date.UTC(2024, 0, 1, 10);
    expect(r.newDayIfDue(day1, () => new Decimal(1000))).toBeNull();
    expect(r.watchDailyLoss(901, () => new Decimal(901))).toBeNull();
    expect(r.watchDailyLoss(900, () => new Decimal(900))).toBeNull(); // exactly 10 %: not beyond
    const breach = r.watchDailyLoss(899.99, () => new Decimal('899.99'));
    expect(breach).toEqual({
      from: 'ACTIVE',
      to: 'REDUCING',
      rule: 'max_daily_loss',
      detail: expect.stringContaining('loss 100.01'),
      limit: '100',
      value: '100.01',
    });
    expect(r.check(req('buy', 1), exposure({ before: 0 }, 1), day1)).toMatchObject({ ok: false, rule: 'trading_state', value: 'REDUCING' });
    expect(r.check(req('sell', 1), exposure({ before: 5 }, -1), day1).ok).toBe(true);
    expect(r.newDayIfDue(day1 + 3_600_000, () => new Decimal(900))).toBeNull(); // same day
    expect(r.newDayIfDue(Date.UTC(2024, 0, 2), () => new Decimal(900))).toMatchObject({
      from: 'REDUCING',
      to: 'ACTIVE',
      rule: 'max_daily_loss',
      detail: 'new trading day 2024-01-02',
    });
  });

  it('HALTED lets nothing through; the halt action and manual state are honoured', () => {
    const r = engine({ dailyLossAction: 'halt', maxDailyLoss: 0.01 });
    r.newDayIfDue(0, () => new Decimal(100));
    expect(r.watchDailyLoss(98, () => new Decimal(98))).toMatchObject({ to: 'HALTED' });
    expect(r.check(req('sell', 1), exposure({ before: 5 }, -1), 0)).toMatchObject({ ok: false, rule: 'trading_state', value: 'HALTED' });
    expect(r.setState('ACTIVE', 'manual', 'operator')).toMatchObject({ from: 'HALTED', to: 'ACTIVE', rule: 'manual' });
    expect(r.setState('ACTIVE', 'manual', 'again')).toBeNull();
  });

  it('round-trips its state', () => {
    const r = engine();
    r.newDayIfDue(5, () => new Decimal(100));
    r.recordSubmitted(5);
    r.setState('REDUCING', 'manual', 'x');
    const copy = engine();
    copy.restore(JSON.parse(JSON.stringify(r.toJSON())));
    expect(copy.toJSON()).toEqual(r.toJSON());
  });
});
