import { describe, expect, it } from 'vitest';
import type { BacktestFlags } from './backtest-flags';
import { CliError } from '../errors';
import { planBacktest } from './plan';

const flags = (over: Partial<BacktestFlags> = {}): BacktestFlags => ({ strategy: 's.ts', data: 'sim', capital: '100000', seed: '42', ...over });

describe('planBacktest', () => {
  it('reads a date --to as the whole day and an instant as exclusive', () => {
    expect(planBacktest(flags({ from: '2024-01-01', to: '2024-01-31' }), { kind: 'sim' })).toMatchObject({
      from: Date.UTC(2024, 0, 1),
      to: Date.UTC(2024, 1, 1),
    });
    expect(planBacktest(flags({ to: '2024-01-31T12:00:00Z' }), { kind: 'sim' }).to).toBe(Date.UTC(2024, 0, 31, 12));
  });

  it('names the instrument from a CSV file, SIM for sim, and splits --symbol lists', () => {
    expect(planBacktest(flags(), { kind: 'csv', path: '/data/SPY.csv' }).symbols).toEqual(['SPY']);
    expect(planBacktest(flags(), { kind: 'sim' }).symbols).toEqual(['SIM']);
    expect(planBacktest(flags({ symbol: ['A,B', 'C'] }), { kind: 'sim' }).symbols).toEqual(['A', 'B', 'C']);
  });

  it('refuses bad capital, seed, ranges, repeated or missing symbols', () => {
    const bad: [Partial<BacktestFlags>, { kind: 'sim' } | { kind: 'yahoo' } | { kind: 'csv'; path: string }, RegExp][] = [
      [{ capital: '0' }, { kind: 'sim' }, /--capital '0' is not a positive amount/],
      [{ capital: '1e5' }, { kind: 'sim' }, /--capital/],
      [{ seed: '4.2' }, { kind: 'sim' }, /--seed '4.2' is not a whole number/],
      [{ from: '2024-02-01', to: '2024-01-01' }, { kind: 'sim' }, /is not before --to/],
      [{ symbol: ['A', 'A'] }, { kind: 'sim' }, /--symbol A is given twice/],
      [{}, { kind: 'yahoo' }, /--symbol is needed with --data yahoo/],
      [{}, { kind: 'csv', path: '/data/dir' }, /--symbol is needed with --data csv/],
    ];
    for (const [over, spec, message] of bad) {
      expect(() => planBacktest(flags(over), spec)).toThrow(CliError);
      expect(() => planBacktest(flags(over), spec)).toThrow(message);
    }
  });
});
