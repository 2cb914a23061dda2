import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseNumber } from './parse-number';

const parse = (text: string) => {
  const buf = Buffer.from(text, 'latin1');
  return parseNumber(buf, 0, buf.length);
};

describe('parseNumber', () => {
  it('gives exactly what Number() gives for any finite double written by String()', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        expect(Object.is(parse(String(x)), x) || (x === 0 && parse(String(x)) === 0)).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });

  it('reads decimal text like Number() and rejects what is not a number', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^-?\d{1,20}(\.\d{0,20})?$/), (text) => {
        expect(parse(text)).toBe(Number(text));
      }),
    );
    for (const bad of ['', '-', '.', 'abc', '1,5', '1.2.3', '1e', 'NaN', 'Infinity', '1e400', '0x10']) expect(parse(bad), bad).toBeNaN();
    expect(parse(' "12.5" ')).toBeNaN();
    expect(parse('"12.5"')).toBe(12.5);
    expect(parse(' 7 ')).toBe(7);
    expect(parse('+3')).toBe(3);
  });
});
