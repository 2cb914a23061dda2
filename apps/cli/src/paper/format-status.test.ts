import { describe, expect, it } from 'vitest';
import type { StatusReport } from '@rustybt/paper-runner';
import { formatStatus } from './run-status';

describe('formatStatus', () => {
  it('shows equity, cash and fees in cents, prices exactly, and orders by status', () => {
    const text = formatStatus({
      session: 'shib',
      source: 'state',
      running: false,
      pid: null,
      url: null,
      startedAt: null,
      uptimeSeconds: null,
      state: null,
      strategy: 'examples/sma-crossover.ts',
      broker: 'paper',
      data: 'sim',
      symbol: 'SHIB/USDT',
      restarts: 0,
      lastStop: { at: '2026-12-01T10:00:00.000Z', reason: 'signal' },
      barsProcessed: 65,
      lastBarTime: '2026-12-01T10:05:00.000Z',
      equity: '1012.345',
      cash: [{ asset: 'USDT', amount: '987.6543' }],
      positions: [{ symbol: 'SHIB/USDT', quantity: '1000000', averagePrice: '0.00001234' }],
      ordersByStatus: { filled: 1, cancelled: 2 },
      openOrders: [],
      recentFills: [
        {
          fillId: 'f1',
          clientOrderId: 'o1',
          symbol: 'SHIB/USDT',
          side: 'buy',
          quantity: '1000000',
          price: '0.00001234',
          commission: '0.012345',
          time: '2026-12-01T10:01:00.000Z',
        },
      ],
    } satisfies StatusReport);
    expect(text).toContain('equity    1012.35  cash 987.65 USDT');
    expect(text).toContain('positions SHIB/USDT 1000000 @ 0.00001234');
    expect(text).toContain('orders    filled 1, cancelled 2');
    expect(text).toContain('  2026-12-01T10:01:00.000Z  buy 1000000 SHIB/USDT @ 0.00001234  fee 0.01');
  });
});
