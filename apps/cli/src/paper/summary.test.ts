import { describe, expect, it } from 'vitest';
import { formatSummary } from './summary';

const summary = {
  session: 'shib',
  reason: 'signal' as const,
  resumed: false,
  elapsedMs: 65_000,
  barsThisRun: 65,
  barsTotal: 65,
  ordersThisRun: 1,
  fillsThisRun: 1,
  fillsTotal: 1,
  startEquity: '1000',
  equity: '1012.345',
  cash: '987.6543',
  positions: [{ symbol: 'SHIB/USDT', quantity: '1000000', averagePrice: '0.00001234' }],
  stateFile: '/state/shib.db',
  logDir: '/logs',
};

describe('formatSummary', () => {
  it('shows money in cents and a price exactly (a sub-cent price is not money, and not 0.00)', () => {
    const text = formatSummary(summary);
    expect(text).toContain('  equity     1000.00 -> 1012.35 (+1.23%), cash 987.65\n');
    expect(text).toContain('  positions  SHIB/USDT 1000000 @ 0.00001234\n');
    expect(text).toContain('  ran        00:01:05, 65 bars (65 in the session)\n');
  });
});
