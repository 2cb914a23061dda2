import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RollingHistory } from './rolling-history';

const bar = (i: number, symbol = 'X') => ({ symbol, time: i, open: i, high: i + 1, low: i - 1, close: i + 0.5, volume: i * 10 });

describe('RollingHistory', () => {
  it('keeps the last bars per symbol, oldest first, across wrap-around', () => {
    const h = new RollingHistory(3);
    for (let i = 1; i <= 5; i++) h.push(bar(i));
    h.push(bar(100, 'Y'));
    expect(h.last('X', 'close', 3)).toEqual([3.5, 4.5, 5.5]);
    expect(h.last('X', 'volume', 2)).toEqual([40, 50]);
    expect(h.last('Y', 'time', 3)).toEqual([100]);
    expect(h.last('Z', 'close', 2)).toEqual([]);
    expect(h.count('X')).toBe(3);
  });

  it('grows when asked for more, keeping what it has', () => {
    const h = new RollingHistory(2);
    for (let i = 1; i <= 3; i++) h.push(bar(i));
    expect(h.last('X', 'open', 4)).toEqual([2, 3]);
    for (let i = 4; i <= 7; i++) h.push(bar(i));
    expect(h.last('X', 'open', 4)).toEqual([4, 5, 6, 7]);
    expect(() => h.last('X', 'open', -1)).toThrow(RangeError);
  });
});

describe('RollingHistory.window', () => {
  it('reuses one array per (field, n), refilled after each push', () => {
    const h = new RollingHistory(4);
    for (let i = 1; i <= 3; i++) h.push(bar(i));
    const a = h.window('X', 'open', 2);
    expect(a).toEqual([2, 3]);
    expect(h.window('X', 'open', 2)).toBe(a);
    h.push(bar(4));
    expect(h.window('X', 'open', 2)).toBe(a);
    expect(a).toEqual([3, 4]);
    expect(h.window('X', 'close', 2)).toEqual([3.5, 4.5]);
    expect(h.window('X', 'open', 9)).toEqual([1, 2, 3, 4]);
    expect(h.window('nope', 'open', 2)).toEqual([]);
  });
});

describe('RollingHistory against a plain list', () => {
  it('answers every window as the last n bars seen, through pushes and growth', () => {
    const step = fc.oneof(fc.constant({ push: true as const }), fc.record({ n: fc.integer({ min: 0, max: 12 }), window: fc.boolean() }));
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.array(step, { maxLength: 80 }), (capacity, steps) => {
        const h = new RollingHistory(capacity);
        // The model: what the ring should hold, oldest first; asking for more keeps it and lets it fill further.
        let held: number[] = [];
        let cap = capacity;
        let pushed = 0;
        for (const s of steps) {
          if ('push' in s) {
            h.push(bar(pushed));
            held = [...held, pushed++].slice(-cap);
            continue;
          }
          cap = Math.max(cap, s.n);
          const want = held.slice(-s.n).map((i) => i + 0.5);
          const got = s.window ? [...h.window('X', 'close', s.n)] : h.last('X', 'close', s.n);
          if (s.n === 0) expect(got).toEqual([]);
          else expect(got).toEqual(want);
        }
      }),
    );
  });
});
