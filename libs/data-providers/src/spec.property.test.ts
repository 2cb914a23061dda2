import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DataInputError } from './errors';
import { parseSourceSpec } from './spec';

describe('parseSourceSpec', () => {
  it('takes yfinance, the upstream name, as yahoo, alone or replayed', () => {
    expect(parseSourceSpec('yfinance')).toEqual({ kind: 'yahoo' });
    expect(parseSourceSpec('YFinance')).toEqual({ kind: 'yahoo' });
    expect(parseSourceSpec('replay:yfinance')).toEqual({ kind: 'replay', inner: { kind: 'yahoo' } });
    expect(() => parseSourceSpec('yfinance:SPY')).toThrow(/yfinance takes no argument/);
  });
});

describe('parseSourceSpec on any input', () => {
  it('returns a spec or throws the typed exit-2 error, nothing else', () => {
    const pieces = fc.constantFrom('csv', 'sim', 'yahoo', 'yfinance', 'ccxt', 'replay', ':', 'binance', 'a.csv', ' ', 'Ü', '/');
    const text = fc.oneof(
      fc.string(),
      fc.array(pieces, { maxLength: 8 }).map((p) => p.join('')),
    );
    fc.assert(
      fc.property(text, (spec) => {
        try {
          const parsed = parseSourceSpec(spec);
          expect(['csv', 'sim', 'yahoo', 'ccxt', 'replay']).toContain(parsed.kind);
        } catch (err) {
          expect(err).toBeInstanceOf(DataInputError);
          expect((err as DataInputError).exitCode).toBe(2);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
