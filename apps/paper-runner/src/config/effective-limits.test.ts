import { describe, expect, it } from 'vitest';
import { effectiveLimits, formatLimits, isDeliberate } from './effective-limits';

describe('effectiveLimits', () => {
  it('lists every limit with its value and source, engine defaults labelled default', () => {
    const limits = effectiveLimits(
      { maxNotionalPerOrder: '500', maxDailyLoss: 0.02 },
      { 'risk.maxNotionalPerOrder': 'flag', 'risk.maxDailyLoss': 'file:/h/config.yaml:3' },
    );
    expect(limits.find((l) => l.key === 'maxNotionalPerOrder')).toEqual({ key: 'maxNotionalPerOrder', value: '500', source: 'flag' });
    expect(limits.find((l) => l.key === 'maxLeverage')).toEqual({ key: 'maxLeverage', value: '1', source: 'default' });
    expect(formatLimits(limits)).toMatch(/maxDailyLoss\s+0\.02\s+file:\/h\/config\.yaml:3/);
  });

  it('counts only flags and the config file as a deliberate choice', () => {
    expect(isDeliberate('flag')).toBe(true);
    expect(isDeliberate('file:/x:1')).toBe(true);
    expect(isDeliberate('env:RUSTYBT_RISK__MAX_LEVERAGE')).toBe(false);
    expect(isDeliberate('dotenv:/x/.env')).toBe(false);
  });
});
