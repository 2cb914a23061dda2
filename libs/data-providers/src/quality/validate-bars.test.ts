import type { Bar } from '@rustybt/engine';
import { describe, expect, it } from 'vitest';
import { ALWAYS_OPEN, NYSE } from '../calendar/calendar';
import { validateBars, type CheckName, type QualityReport } from './validate-bars';

const MIN = 60_000;
const t0 = Date.UTC(2024, 0, 1);

function series(n: number, f: (i: number) => Partial<Bar> = () => ({})): Bar[] {
  return Array.from({ length: n }, (_, i) => {
    const close = 100 + Math.sin(i) * 0.5;
    return { symbol: 'X', time: t0 + i * MIN, open: close - 0.1, high: close + 0.3, low: close - 0.3, close, volume: 10, ...f(i) };
  });
}

const check = (r: QualityReport, name: CheckName) => r.checks.find((c) => c.name === name)!;

describe('validateBars', () => {
  it('passes a clean series', () => {
    const r = validateBars(series(100), { interval: '1m', calendar: ALWAYS_OPEN });
    expect(r.pass).toBe(true);
    expect(r.bars).toBe(100);
    expect(r.checks.map((c) => c.name)).toEqual(['schema', 'order', 'gaps', 'ohlc', 'prices', 'zero-volume', 'outliers']);
  });

  it('finds duplicates and time going back', () => {
    const bars = series(10);
    bars[4] = { ...bars[4]!, time: bars[3]!.time };
    bars[7] = { ...bars[7]!, time: bars[2]!.time };
    const c = check(validateBars(bars, { interval: '1m' }), 'order');
    expect(c.pass).toBe(false);
    expect(c.count).toBe(2);
    expect(c.first[0]).toMatchObject({ index: 4, detail: 'duplicate of row 3' });
    expect(c.first[1]!.detail).toMatch(/^goes back from/);
  });

  it('counts missing bars against the calendar', () => {
    const bars = series(20).filter((_, i) => i < 5 || i > 8);
    const c = check(validateBars(bars, { interval: '1m', calendar: ALWAYS_OPEN }), 'gaps');
    expect(c).toMatchObject({ pass: false, count: 1, note: '4 bar(s) missing in total' });
    expect(c.first[0]!.detail).toMatch(/^4 bar\(s\) missing after 2024-01-01T00:04:00/);
    expect(check(validateBars(bars, { interval: '1m' }), 'gaps')).toMatchObject({ pass: true, note: 'skipped: no calendar' });
  });

  it('flags NYSE daily bars on holidays and missing sessions', () => {
    const day = (m: number, d: number): Bar => ({ symbol: 'SPY', time: Date.UTC(2024, m - 1, d), open: 1, high: 1, low: 1, close: 1, volume: 1 });
    const c = check(validateBars([day(12, 23), day(12, 25), day(12, 27)], { interval: '1d', calendar: NYSE }), 'gaps');
    // 12-24 (an early-close session) and 12-26 are missing; 12-25 is Christmas.
    expect(c.count).toBe(3);
    expect(c.first.map((o) => o.detail)).toEqual([
      'bar outside NYSE sessions',
      '1 bar(s) missing after 2024-12-23T00:00:00.000Z',
      '1 bar(s) missing after 2024-12-25T00:00:00.000Z',
    ]);
  });

  it('finds OHLC inconsistencies, non-positive prices and schema errors', () => {
    const bars = series(10, (i) => (i === 2 ? { high: 50 } : i === 5 ? { low: -1, open: 0 } : i === 8 ? { close: Number.NaN } : {}));
    const r = validateBars(bars, { interval: '1m' });
    expect(check(r, 'ohlc').first.map((o) => o.index)).toEqual([2]);
    expect(check(r, 'prices').first.map((o) => o.index)).toEqual([5]);
    expect(check(r, 'schema').first[0]).toMatchObject({ index: 8, detail: 'bad close: close=NaN' });
    expect(r.pass).toBe(false);
  });

  it('finds runs of zero volume', () => {
    const r = validateBars(
      series(30, (i) => (i >= 10 && i < 17 ? { volume: 0 } : {})),
      { interval: '1m', zeroVolumeRun: 5 },
    );
    expect(check(r, 'zero-volume')).toMatchObject({ count: 1, first: [{ index: 10 }] });
    expect(
      check(
        validateBars(
          series(30, (i) => (i === 3 ? { volume: 0 } : {})),
          { interval: '1m' },
        ),
        'zero-volume',
      ).pass,
    ).toBe(true);
  });

  it('finds return outliers with a robust sigma', () => {
    const bars = series(200, (i) => (i === 100 ? { close: 150, high: 151 } : {}));
    const c = check(validateBars(bars, { interval: '1m' }), 'outliers');
    expect(c.first.map((o) => o.index)).toEqual([100, 101]);
    expect(c.first[0]!.detail).toMatch(/^return 50\.75% \(\d+\.\d sigma\) from 99\.5\d+ to 150$/);
    expect(check(validateBars(series(5), { interval: '1m' }), 'outliers')).toMatchObject({ pass: true, note: 'skipped: fewer than 20 returns' });
  });

  it('keeps only the first rows asked for', () => {
    const bars = series(50, () => ({ high: 0.5 }));
    const c = check(validateBars(bars, { interval: '1m', sample: 3 }), 'ohlc');
    expect(c.count).toBe(50);
    expect(c.first).toHaveLength(3);
  });
});
