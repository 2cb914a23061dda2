import { describe, expect, it } from 'vitest';
import { pct, signedPct } from './percent';

describe('percentages', () => {
  it('shows a fraction as a percentage to two places', () => {
    expect(pct(0.1234)).toBe('12.34%');
    expect(pct(0)).toBe('0.00%');
    expect(pct(Number.NaN)).toBe('NaN');
  });

  it('signs a change once, and a change that rounds to zero not at all', () => {
    expect(signedPct(0.01254)).toBe('+1.25%');
    expect(signedPct(-0.004)).toBe('-0.40%');
    expect(signedPct(-0.00001)).toBe('0.00%');
    expect(signedPct(0.00001)).toBe('0.00%');
    expect(signedPct(0)).toBe('0.00%');
  });
});
