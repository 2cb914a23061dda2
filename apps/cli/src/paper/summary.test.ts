import { describe, expect, it } from 'vitest';
import { signedPercent } from './summary';

describe('signedPercent', () => {
  it('signs a change once, and a change that rounds to zero not at all', () => {
    expect(signedPercent(1.254)).toBe('+1.25%');
    expect(signedPercent(-0.4)).toBe('-0.40%');
    expect(signedPercent(-0.001)).toBe('0.00%');
    expect(signedPercent(0.001)).toBe('0.00%');
    expect(signedPercent(0)).toBe('0.00%');
  });
});
