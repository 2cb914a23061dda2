import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { assetsOf, describeDifferences, reconcile, type LocalView, type VenueView } from './reconcile';

const d = (v: string | number) => new Decimal(v);
const local = (over: Partial<LocalView> = {}): LocalView => ({
  base: 'BTC',
  quote: 'USDT',
  position: d('0.1'),
  cash: d(5000),
  capital: d(10000),
  baselineBase: d(1),
  baselineQuote: d(100000),
  openOrders: [],
  ...over,
});
const venue = (over: Partial<VenueView> = {}): VenueView => ({ baseTotal: d('1.1'), quoteTotal: d(95000), openOrders: [], closedOrFilled: {}, ...over });

describe('reconcile', () => {
  it('agrees when the venue holds the start balances plus what the session traded, within the fee tolerance', () => {
    const r = reconcile(local(), venue({ baseTotal: d('1.0999') }));
    expect(r).toMatchObject({ ok: true, differences: [], toSend: [], absentUnknown: [], unknownVenueOrders: [] });
  });

  it('counts fills the venue made while the session was down, and resends orders it never received', () => {
    const open = [
      { clientOrderId: 's-1', side: 'buy' as const, filled: d(0) },
      { clientOrderId: 's-2', side: 'buy' as const, filled: d(0) },
    ];
    const r = reconcile(
      local({ openOrders: open }),
      venue({ baseTotal: d('1.2'), quoteTotal: d(90000), closedOrFilled: { 's-1': { filled: d('0.1'), cost: d(5000) }, 's-2': undefined } }),
    );
    expect(r.ok).toBe(true);
    expect(r.toSend).toEqual(['s-2']);
    expect(r.catchUp.base.toFixed()).toBe('0.1');
    expect(r.catchUp.quote.toFixed()).toBe('-5000');
  });

  it('an order whose submit outcome was unknown and that the venue lacks is not resent; found, its fills count', () => {
    const open = [
      { clientOrderId: 's-1', side: 'buy' as const, filled: d(0), unknown: true },
      { clientOrderId: 's-2', side: 'buy' as const, filled: d(0), unknown: true },
      { clientOrderId: 's-3', side: 'buy' as const, filled: d(0) },
    ];
    const r = reconcile(
      local({ openOrders: open }),
      venue({ baseTotal: d('1.2'), quoteTotal: d(90000), closedOrFilled: { 's-1': { filled: d('0.1'), cost: d(5000) }, 's-2': undefined, 's-3': undefined } }),
    );
    expect(r.ok).toBe(true);
    expect(r.absentUnknown).toEqual(['s-2']);
    expect(r.toSend).toEqual(['s-3']);
    expect(r.catchUp.base.toFixed()).toBe('0.1');
  });

  it('reports a balance beyond tolerance and an unknown open order, and says what adopting the venue would set', () => {
    const r = reconcile(local(), venue({ baseTotal: d('1.6'), openOrders: ['manual-7'] }));
    expect(r.ok).toBe(false);
    expect(r.differences.map((x) => x.what)).toEqual(['BTC balance', 'open orders']);
    expect(r.unknownVenueOrders).toEqual(['manual-7']);
    expect(r.adopted.position.toFixed()).toBe('0.6');
    expect(r.adopted.cash.toFixed()).toBe('5000');
    expect(describeDifferences('binance', r)).toBe(
      'BTC balance: 1.1 (position 0.1) expected, 1.6 at binance; open orders: 0 open here expected, not ours: manual-7 at binance',
    );
  });

  it('splits a unified spot symbol into its assets', () => {
    expect(assetsOf('BTC/USDT')).toEqual({ base: 'BTC', quote: 'USDT' });
    expect(assetsOf('SIM')).toBeUndefined();
  });
});
