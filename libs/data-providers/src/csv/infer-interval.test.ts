import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../test-support';
import { csvBarSpacing, intervalOfSpacing, modalSpacing } from './infer-interval';

const { dir, cleanup } = tempDir('rustybt-csv-interval-');
afterAll(cleanup);
const MIN = 60_000;
const DAY = 86_400_000;

describe('bar spacing of a CSV', () => {
  it('is the most common gap, so nights, weekends and missing bars do not count', () => {
    // Weekdays only: gaps of 1 day, and 3 days over each weekend.
    const days = Array.from({ length: 60 }, (_, i) => Date.UTC(2024, 0, 1) + i * DAY).filter((t) => ![0, 6].includes(new Date(t).getUTCDay()));
    expect(modalSpacing(days)).toBe(DAY);
    expect(modalSpacing([0, MIN, 3 * MIN, 4 * MIN, 10 * MIN])).toBe(MIN);
    expect(modalSpacing([5])).toBeUndefined();
    expect(intervalOfSpacing(MIN)).toBe('1m');
    expect(intervalOfSpacing(4 * 3_600_000)).toBe('4h');
    expect(intervalOfSpacing(2 * MIN)).toBeUndefined();
  });

  it('finds the spacing of any regular series with a few gaps (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(MIN, 5 * MIN, 3_600_000, DAY),
        fc.integer({ min: 10, max: 300 }),
        fc.uniqueArray(fc.nat({ max: 299 }), { maxLength: 3 }),
        (step, n, holes) => {
          const times = Array.from({ length: n }, (_, i) => i * step).filter((_, i) => !holes.includes(i));
          expect(modalSpacing(times)).toBe(step);
        },
      ),
    );
  });

  it('reads a file: 1-minute bars are 1m, a one-row file has none', async () => {
    const rows = Array.from({ length: 2000 }, (_, i) => `${new Date(Date.UTC(2024, 0, 2, 14, 30) + i * MIN).toISOString()},1,1,1,1,10`);
    const path = join(dir, 'm.csv');
    writeFileSync(path, `time,open,high,low,close,volume\n${rows.join('\n')}\n`);
    expect(await csvBarSpacing(path)).toBe(MIN);
    const one = join(dir, 'one.csv');
    writeFileSync(one, 'time,open,high,low,close\n2024-01-02,1,1,1,1\n');
    expect(await csvBarSpacing(one)).toBeUndefined();
  });
});
