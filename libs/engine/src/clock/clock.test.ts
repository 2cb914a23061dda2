import { describe, expect, it } from 'vitest';
import { parseSymbol } from '../model/asset';
import { seededRandom } from '../random';
import { SimulatedClock, WallClock } from './clock';

describe('clocks', () => {
  it('a simulated clock follows bar times and never runs backwards', () => {
    const c = new SimulatedClock(5);
    c.observe(10);
    c.observe(7);
    expect(c.now()).toBe(10);
    expect(c.kind).toBe('simulated');
  });

  it('a wall clock reads its source and ignores bar times', () => {
    let t = 100;
    const c = new WallClock(() => t);
    c.observe(5);
    expect(c.now()).toBe(100);
    t = 200;
    expect(c.now()).toBe(200);
  });
});

describe('parseSymbol and seededRandom', () => {
  it('splits quote currencies off pair symbols only', () => {
    expect(parseSymbol('BTC/USDT')).toEqual({ symbol: 'BTC/USDT', base: 'BTC', quote: 'USDT' });
    expect(parseSymbol('SPY')).toEqual({ symbol: 'SPY', base: 'SPY' });
    expect(parseSymbol('/X')).toEqual({ symbol: '/X', base: '/X' });
  });

  it('repeats a sequence for a seed and stays in [0, 1)', () => {
    const a = seededRandom(7);
    const b = seededRandom(7);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(Array.from({ length: 1000 }, () => b())).toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(seededRandom(8)()).not.toBe(xs[0]);
  });
});
