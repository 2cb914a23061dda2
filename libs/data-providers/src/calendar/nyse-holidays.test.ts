import { describe, expect, it } from 'vitest';
import { easter, nyseEarlyCloses, nyseHolidays } from './nyse-holidays';

// The NYSE's published holiday and early-close schedules.
const PUBLISHED: Record<number, { holidays: string[]; early: string[] }> = {
  2019: { holidays: ['01-01', '01-21', '02-18', '04-19', '05-27', '07-04', '09-02', '11-28', '12-25'], early: ['07-03', '11-29', '12-24'] },
  2020: { holidays: ['01-01', '01-20', '02-17', '04-10', '05-25', '07-03', '09-07', '11-26', '12-25'], early: ['11-27', '12-24'] },
  2021: { holidays: ['01-01', '01-18', '02-15', '04-02', '05-31', '07-05', '09-06', '11-25', '12-24'], early: ['11-26'] },
  2022: { holidays: ['01-17', '02-21', '04-15', '05-30', '06-20', '07-04', '09-05', '11-24', '12-26'], early: ['11-25'] },
  2023: { holidays: ['01-02', '01-16', '02-20', '04-07', '05-29', '06-19', '07-04', '09-04', '11-23', '12-25'], early: ['07-03', '11-24'] },
  2024: { holidays: ['01-01', '01-15', '02-19', '03-29', '05-27', '06-19', '07-04', '09-02', '11-28', '12-25'], early: ['07-03', '11-29', '12-24'] },
  2025: { holidays: ['01-01', '01-09', '01-20', '02-17', '04-18', '05-26', '06-19', '07-04', '09-01', '11-27', '12-25'], early: ['07-03', '11-28', '12-24'] },
  2026: { holidays: ['01-01', '01-19', '02-16', '04-03', '05-25', '06-19', '07-03', '09-07', '11-26', '12-25'], early: ['11-27', '12-24'] },
};

describe('NYSE holiday table', () => {
  it.each(Object.keys(PUBLISHED).map(Number))('matches the published %i schedule', (year) => {
    const expected = PUBLISHED[year]!;
    expect([...nyseHolidays(year).keys()].sort()).toEqual(expected.holidays.map((d) => `${year}-${d}`));
    expect([...nyseEarlyCloses(year).keys()].sort()).toEqual(expected.early.map((d) => `${year}-${d}`));
  });

  it('names the closures', () => {
    expect(nyseHolidays(2025).get('2025-01-09')).toMatch(/Carter/);
    expect(nyseHolidays(2021).get('2021-12-24')).toBe('Christmas Day');
  });

  it('computes Easter', () => {
    expect(easter(2024)).toEqual([3, 31]);
    expect(easter(2019)).toEqual([4, 21]);
    expect(easter(2038)).toEqual([4, 25]);
  });
});
