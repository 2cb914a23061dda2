import { describe, expect, it } from 'vitest';
import { clock, formatStatusLine } from './status-line';

describe('status line', () => {
  it('shows elapsed, bars, orders, fills, equity and the last heartbeat', () => {
    expect(formatStatusLine({ elapsedMs: 3_725_000, bars: 65, orders: 4, fills: 3, equity: '10012.349', heartbeatAgeMs: 2_400, state: 'RUNNING' })).toBe(
      '01:02:05  bars 65  orders 4  fills 3  equity 10012.35  heartbeat 2s ago  RUNNING',
    );
    expect(formatStatusLine({ elapsedMs: 0, bars: 0, orders: 0, fills: 0, equity: '10000', heartbeatAgeMs: undefined, state: 'RUNNING' })).toContain(
      'no heartbeat yet',
    );
  });

  it('formats the clock', () => {
    expect(clock(59_999)).toBe('00:00:59');
  });
});
