import { describe, expect, it } from 'vitest';
import { firstDifference, grademarkTradesFor, type Bars } from './grademark-sma';

const bars = (n: number): Bars => ({
  n,
  time: Float64Array.from({ length: n }, (_, i) => i * 60),
  open: Float64Array.from({ length: n }, (_, i) => 100 + i),
  close: Float64Array.from({ length: n }, (_, i) => 100.5 + i),
});

describe('grademark conventions applied to rustybt fills', () => {
  it('enters and exits a bar later after a one-bar position, and closes an open position at the last close', () => {
    // rustybt (slow = 2, rules from bar 1): a one-bar position (bought at bar 3's open, sold at bar 4's), long again from bar 7.
    const fills = [
      { time: 180, side: 'buy' as const },
      { time: 240, side: 'sell' as const },
      { time: 420, side: 'buy' as const },
    ];
    // grademark runs no rule on the bar it enters (3), so the exit rule first sees bar 4 and leaves at bar 5's
    // open; the position from bar 7 is still open at the end and closes at the last close.
    expect(grademarkTradesFor(fills, bars(10), 2)).toEqual([
      { entryTime: 180, entryPrice: 103, exitTime: 300, exitPrice: 105 },
      { entryTime: 420, entryPrice: 107, exitTime: 540, exitPrice: 109.5 },
    ]);
  });

  it('names the first trade that differs', () => {
    const t = { entryTime: 1, entryPrice: 2, exitTime: 3, exitPrice: 4 };
    expect(firstDifference([t], [t])).toBeUndefined();
    expect(firstDifference([t], [])).toMatch(/^trade 1 of 1\/0/);
  });
});
