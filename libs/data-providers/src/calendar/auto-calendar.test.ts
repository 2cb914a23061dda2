import { describe, expect, it } from 'vitest';
import { autoCalendar } from './auto-calendar';

const bar = (time: number) => ({ symbol: 'X', time, open: 1, high: 1, low: 1, close: 1, volume: 1 });

describe('autoCalendar', () => {
  it('picks by source and symbol', () => {
    expect(autoCalendar({ kind: 'ccxt', exchange: 'binance' }, 'BTC/USDT', [])?.name).toBe('24/7');
    expect(autoCalendar({ kind: 'replay', inner: { kind: 'sim' } }, 'X', [])?.name).toBe('24/7');
    expect(autoCalendar({ kind: 'yahoo' }, 'SPY', [])?.name).toBe('NYSE');
    expect(autoCalendar({ kind: 'yahoo' }, 'BTC-USD', [])?.name).toBe('24/7');
    expect(autoCalendar({ kind: 'yahoo' }, 'EURUSD=X', [])).toBeUndefined();
  });

  it('reads a CSV as 24/7 when it has weekend bars', () => {
    expect(autoCalendar({ kind: 'csv', path: 'a' }, 'X', [bar(Date.UTC(2024, 0, 2)), bar(Date.UTC(2024, 0, 3))])?.name).toBe('NYSE');
    expect(autoCalendar({ kind: 'csv', path: 'a' }, 'X', [bar(Date.UTC(2024, 0, 6))])?.name).toBe('24/7');
  });
});
