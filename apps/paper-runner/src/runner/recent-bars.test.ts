import { describe, expect, it } from 'vitest';
import { RecentBars } from './recent-bars';

const bar = (time: number) => ({ symbol: 'S', time, open: 1, high: 1, low: 1, close: 1, volume: 0 });

describe('RecentBars', () => {
  it('keeps the last N bars, oldest first', () => {
    const r = new RecentBars(3);
    expect(r.list()).toEqual([]);
    for (let t = 1; t <= 2; t++) r.push(bar(t));
    expect(r.list().map((b) => b.time)).toEqual([1, 2]);
    for (let t = 3; t <= 7; t++) r.push(bar(t));
    expect(r.list().map((b) => b.time)).toEqual([5, 6, 7]);
  });
});
