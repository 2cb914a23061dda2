import { describe, expect, it } from 'vitest';
import { formatEvent, logFileName, parseEventLine, timestampOf } from './format';
import type { LogEvent } from './schema';

const base = { timestamp: '2026-03-01T12:00:00.000Z', level: 'info', session: 's-1', pid: 4242, version: '0.1.0' } as const;

describe('log-event contract', () => {
  it('writes common fields first and reads back every event kind', () => {
    const events: LogEvent[] = [
      { ...base, event: 'session_start', heartbeat_interval_ms: 1000, strategy: 'sma', broker: 'paper', mode: 'paper', resumed: false },
      { ...base, event: 'heartbeat', seq: 7, state: 'RUNNING', equity: '100000.00' },
      { ...base, event: 'session_stop', reason: 'signal' },
      { ...base, event: 'order_submitted', order_id: 'o1', client_order_id: 'c1', symbol: 'BTC/USDT', side: 'buy', qty: '0.5', price: null, reason: null },
      {
        ...base,
        event: 'order_rejected',
        order_id: 'o2',
        client_order_id: 'c2',
        symbol: 'BTC/USDT',
        side: 'sell',
        qty: '1',
        price: '101.5',
        reason: 'insufficient funds',
      },
      { ...base, event: 'risk_halt', rule: 'max_drawdown', detail: '10% breached' },
      { ...base, event: 'error', error_type: 'NetworkError', message: 'timeout' },
    ];
    for (const e of events) {
      const line = formatEvent(e);
      expect(line.startsWith('{"timestamp":"2026-03-01T12:00:00.000Z","level":"info","event":"')).toBe(true);
      expect(parseEventLine(line)).toEqual({ ok: true, event: e });
    }
  });

  it('refuses to write an event that breaks the contract', () => {
    expect(() => formatEvent({ ...base, event: 'heartbeat', seq: 1, state: 'RUNNING', equity: '1e5' })).toThrow();
    expect(() => formatEvent({ ...base, timestamp: '2026-02-30T00:00:00.000Z', event: 'heartbeat', seq: 1, state: 'RUNNING', equity: '1' })).toThrow();
  });

  it('reports garbage without throwing', () => {
    expect(parseEventLine('{"timestamp":').ok).toBe(false);
    expect(parseEventLine('{"event":"heartbeat"}')).toMatchObject({ ok: false });
    expect(parseEventLine('hello')).toEqual({ ok: false, reason: 'not JSON' });
  });

  it('names daily files by UTC day', () => {
    expect(logFileName(Date.UTC(2026, 0, 31, 23, 59, 59))).toBe('paper-trade-2026-01-31.log');
    expect(timestampOf(0)).toBe('1970-01-01T00:00:00.000Z');
  });
});
