import { Decimal, type EngineEvent, type Order } from '@rustybt/engine';
import { describe, expect, it } from 'vitest';
import { alertsOfEngineEvent, type BrokerLink } from './alert-of-event';

const order = {
  clientOrderId: 's-7',
  symbol: 'BTC/USDT',
  side: 'buy',
  type: 'market',
  quantity: new Decimal('0.5'),
  timeInForce: 'GTC',
  createdAt: 1,
} as unknown as Order;
const T = Date.UTC(2026, 2, 1);

describe('engine events as alerts', () => {
  it('an order rejection: warning, keyed by client order id, with the reason for the flood digest', () => {
    const [a, ...rest] = alertsOfEngineEvent(
      's',
      { type: 'order_rejected', time: T, order, reason: 'insufficient balance', source: 'broker' },
      { connected: true },
    );
    expect(rest).toEqual([]);
    expect(a).toEqual({
      id: 's:order_rejected:s-7',
      event: 'order_rejected',
      severity: 'warning',
      session: 's',
      summary: 'order s-7 (buy 0.5 BTC/USDT) rejected: insufficient balance',
      details: { reason: 'insufficient balance', source: 'broker', client_order_id: 's-7', symbol: 'BTC/USDT', side: 'buy', qty: '0.5' },
      at: T,
    });
  });

  it.each([
    ['max_daily_loss', 'trading HALTED by risk rule max_daily_loss: loss 5.1% of start equity'],
    ['manual', 'trading HALTED by the operator (kill switch): loss 5.1% of start equity'],
    ['operator', 'trading HALTED by the operator (kill switch): loss 5.1% of start equity'],
    ['max_leverage', 'trading HALTED by risk rule max_leverage: loss 5.1% of start equity'],
  ])('a halt by %s is a critical risk_halt', (rule, summary) => {
    const e = {
      type: 'risk_state',
      time: T,
      from: 'ACTIVE',
      to: 'HALTED',
      rule,
      detail: 'loss 5.1% of start equity',
      limit: '0.05',
      value: '0.051',
    } as EngineEvent;
    const [a] = alertsOfEngineEvent('s', e, { connected: true });
    expect(a).toMatchObject({
      id: `s:risk_halt:${rule}:${T}`,
      event: 'risk_halt',
      severity: 'critical',
      summary,
      details: { rule, limit: '0.05', value: '0.051' },
    });
  });

  it('a resume is an info risk_resume', () => {
    const [a] = alertsOfEngineEvent('s', { type: 'risk_state', time: T, from: 'HALTED', to: 'ACTIVE', rule: 'manual', detail: 'resumed' }, { connected: true });
    expect(a).toMatchObject({ event: 'risk_resume', severity: 'info' });
  });

  it('broker link: disconnected once on a link failure (not on a first retry), reconnected once on the next venue report', () => {
    const link: BrokerLink = { connected: true };
    const retry = (attempt: number) =>
      ({ type: 'broker_retry', time: T, operation: 'fetchOrder', attempt, delayMs: 500, errorType: 'RequestTimeout', message: 'timed out' }) as EngineEvent;
    expect(alertsOfEngineEvent('s', retry(1), link)).toEqual([]);
    expect(alertsOfEngineEvent('s', retry(2), link).map((a) => [a.event, a.severity])).toEqual([['broker_disconnected', 'critical']]);
    expect(alertsOfEngineEvent('s', retry(3), link)).toEqual([]);
    expect(alertsOfEngineEvent('s', { type: 'broker_error', time: T, operation: 'poll', errorType: 'NetworkError', message: 'ECONNRESET' }, link)).toEqual([]);
    expect(link.connected).toBe(false);
    expect(alertsOfEngineEvent('s', { type: 'order_accepted', time: T + 1, order }, link).map((a) => [a.event, a.severity])).toEqual([
      ['broker_reconnected', 'info'],
    ]);
    expect(alertsOfEngineEvent('s', { type: 'order_accepted', time: T + 2, order }, link)).toEqual([]);
  });

  it('any other broker error is a critical error alert; quiet events raise nothing', () => {
    const [a] = alertsOfEngineEvent(
      's',
      { type: 'broker_error', time: T, operation: 'cancel', errorType: 'AuthenticationError', message: 'invalid key' },
      { connected: true },
    );
    expect(a).toMatchObject({ event: 'error', severity: 'critical', summary: 'broker cancel failed: AuthenticationError: invalid key' });
    expect(alertsOfEngineEvent('s', { type: 'equity', time: T, equity: new Decimal(1) }, { connected: true })).toEqual([]);
    expect(alertsOfEngineEvent('s', { type: 'order_rejected', time: T, order, reason: 'max_leverage', source: 'risk' }, { connected: false })).toHaveLength(1);
  });
});
