import fc from 'fast-check';
import { Decimal } from '@rustybt/engine';
import { describe, expect, it } from 'vitest';
import { money } from './money';

describe('money', () => {
  it('rounds half up to cents in decimal, where a float would round down', () => {
    expect(money('1.005')).toBe('1.01');
    expect(money('10012.349')).toBe('10012.35');
    expect(money('-2.345')).toBe('-2.35');
    expect(money(100000)).toBe('100000.00');
  });

  it('never prints a negative zero and leaves text that is not a number alone', () => {
    expect(money('-0.001')).toBe('0.00');
    expect(money('abc')).toBe('abc');
    expect(money('NaN')).toBe('NaN');
  });

  it('is the exact amount to within half a cent', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }), fc.integer({ min: 0, max: 8 }), (units, scale) => {
        const exact = new Decimal(units.toString()).div(new Decimal(10).pow(scale));
        const shown = money(exact.toFixed());
        expect(shown).toMatch(/^-?\d+\.\d{2}$/);
        expect(new Decimal(shown).sub(exact).abs().lte('0.005')).toBe(true);
      }),
    );
  });
});
