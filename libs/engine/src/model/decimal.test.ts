import Decimal from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isPositive, numberOf, toDecimal } from './decimal';

const decimals = fc.oneof(
  fc.integer({ min: -20_000_000, max: 20_000_000 }).map((n) => new Decimal(n)),
  fc.double({ noNaN: false }).map((x) => new Decimal(x)),
  fc.tuple(fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }), fc.integer({ min: -12, max: 12 })).map(([m, e]) => new Decimal(`${m}e${e}`)),
  // Money: up to 7 integer digits and 1 to 16 decimals, the figures a run converts most.
  fc
    .tuple(fc.bigInt({ min: -(10n ** 23n), max: 10n ** 23n }), fc.integer({ min: 1, max: 16 }))
    .map(([m, places]) => new Decimal(m.toString()).div(new Decimal(10).pow(places))),
);

describe('numberOf', () => {
  it('is toNumber, for any decimal', () => {
    fc.assert(
      fc.property(decimals, (d) => Object.is(numberOf(d), d.toNumber())),
      { numRuns: 2000 },
    );
  });

  it('takes whole numbers below 10^7 and money without toNumber', () => {
    const without = (text: string) => Object.assign(new Decimal(text), { toNumber: () => Number.NaN });
    expect(numberOf(without('5000'))).toBe(5000);
    expect(numberOf(without('-9999999'))).toBe(-9999999);
    expect(numberOf(without('99997.53'))).toBe(99997.53);
    expect(numberOf(without('0.1'))).toBe(0.1);
    expect(numberOf(without('-0.12345678901234'))).toBe(-0.12345678901234);
  });
});

describe('isPositive', () => {
  it('is d > 0', () => {
    fc.assert(
      fc.property(decimals, (d) => isPositive(d) === d.gt(0)),
      { numRuns: 2000 },
    );
  });
});

describe('toDecimal', () => {
  it('hands back the same decimal for a number seen moments ago, equal to a fresh one', () => {
    const a = toDecimal(101.37);
    expect(toDecimal(101.37)).toBe(a);
    expect(a.eq(new Decimal(101.37))).toBe(true);
  });

  it('stays exact across the cache starting over', () => {
    for (let i = 0; i < 10_000; i++) expect(toDecimal(i / 100).toString()).toBe(new Decimal(i / 100).toString());
  });
});
