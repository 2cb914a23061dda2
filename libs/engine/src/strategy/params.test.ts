import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EngineInputError } from '../errors';
import { resolveParams } from './params';

describe('resolveParams', () => {
  const defaults = { fast: 10, slow: 30, name: 'x', short: false };

  it('types values by their defaults', () => {
    expect(resolveParams(defaults, ['fast=5', 'name=abc', 'short=true', 'slow= 40 '])).toEqual({ fast: 5, slow: 40, name: 'abc', short: true });
  });

  it('rejects unknown keys, bad values and bad syntax with one-line errors', () => {
    expect(() => resolveParams(defaults, ['fats=5'])).toThrow("unknown parameter 'fats'. This strategy takes: fast, slow, name, short");
    expect(() => resolveParams(defaults, ['fast=ten'])).toThrow("parameter 'fast' must be a number, got 'ten'");
    expect(() => resolveParams(defaults, ['fast='])).toThrow(EngineInputError);
    expect(() => resolveParams(defaults, ['short=yes'])).toThrow('must be true or false');
    expect(() => resolveParams(defaults, ['fast'])).toThrow('expected key=value');
    expect(() => resolveParams(defaults, ['=3'])).toThrow('expected key=value');
  });

  it('accepts any key when the strategy declares none, numbers where they look like numbers', () => {
    expect(resolveParams(undefined, ['a=1.5', 'b=hello'])).toEqual({ a: 1.5, b: 'hello' });
  });

  it('never fails with anything but an input error (fuzz)', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 20 }), { maxLength: 5 }), fc.boolean(), (args, declared) => {
        try {
          const out = resolveParams(declared ? defaults : undefined, args);
          for (const v of Object.values(out)) expect(['number', 'string', 'boolean']).toContain(typeof v);
        } catch (err) {
          expect(err).toBeInstanceOf(EngineInputError);
          expect((err as Error).message).not.toContain('\n');
        }
      }),
      { numRuns: 500 },
    );
  });
});
