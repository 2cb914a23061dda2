import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CliError } from '../../errors';
import { MAX_COMBINATIONS, combinations, parseJobs, parseShard, parseSweep, parseSweepAxis, shardOf } from './parse-sweep';

const refused = (fn: () => unknown, message: RegExp) => {
  expect(fn).toThrow(CliError);
  expect(fn).toThrow(message);
};

describe('sweep parser', () => {
  it('reads lists and inclusive ranges, decimals exactly', () => {
    expect(parseSweepAxis('fast=5,10,20')).toEqual({ key: 'fast', values: ['5', '10', '20'] });
    expect(parseSweepAxis('slow=30..90:30')).toEqual({ key: 'slow', values: ['30', '60', '90'] });
    expect(parseSweepAxis('k=1..3')).toEqual({ key: 'k', values: ['1', '2', '3'] });
    expect(parseSweepAxis('x=0.1..0.3:0.1').values).toEqual(['0.1', '0.2', '0.3']);
    expect(parseSweepAxis('x=-2..2:2').values).toEqual(['-2', '0', '2']);
    expect(parseSweepAxis('mode=fast,slow').values).toEqual(['fast', 'slow']);
    expect(combinations(parseSweep(['fast=5,10', 'slow=30..90:30']))).toEqual([
      ['fast=5', 'slow=30'],
      ['fast=5', 'slow=60'],
      ['fast=5', 'slow=90'],
      ['fast=10', 'slow=30'],
      ['fast=10', 'slow=60'],
      ['fast=10', 'slow=90'],
    ]);
  });

  it('refuses empty, contradictory and malformed sweeps in one line', () => {
    refused(() => parseSweepAxis('slow=30..10'), /ends \(10\) before it starts \(30\)\. Write the smaller bound first, e.g\. 10\.\.30/);
    refused(() => parseSweepAxis('slow='), /gives no values/);
    refused(() => parseSweepAxis('slow'), /expected key=values/);
    refused(() => parseSweepAxis('slow=30..90:0'), /step 0 is not positive/);
    refused(() => parseSweepAxis('slow=a..b'), /is not a range/);
    refused(() => parseSweepAxis('fast=5,,10'), /empty value/);
    refused(() => parseSweepAxis('fast=5,5'), /lists "5" twice/);
    refused(() => parseSweepAxis('x=0..1:0.00001'), /more than 10000/);
    refused(() => parseSweep(['fast=1', 'fast=2']), /--sweep fast is given twice/);
    refused(() => parseSweep(['fast=1,2'], ['fast=3']), /fast is both swept/);
    refused(() => parseSweep(['a=1..1000', 'b=1..1000']), new RegExp(`more than ${MAX_COMBINATIONS}`));
    refused(() => parseJobs('0', 2), /--jobs "0" is not a number of threads from 1/);
    refused(() => parseJobs('two', 2), /--jobs/);
    refused(() => parseShard('3/2'), /--shard "3\/2" is not i\/n/);
    refused(() => parseShard('0/2'), /--shard/);
    expect(parseJobs(undefined, 4)).toBe(4);
    expect(parseShard('2/3')).toEqual({ index: 2, count: 3 });
  });

  it('never throws anything but a CliError, and ranges hold what they say (fuzz)', () => {
    const piece = fc.constantFrom('fast', 'slow', '=', ',', '..', ':', '-', '.', '0', '1', '5', '30', '90', ' ', 'x', '1e3', '');
    const text = fc.oneof(
      fc.string(),
      fc.array(piece, { maxLength: 10 }).map((p) => p.join('')),
    );
    fc.assert(
      fc.property(fc.array(text, { maxLength: 3 }), (specs) => {
        try {
          const axes = parseSweep(specs);
          for (const a of axes) {
            expect(a.values.length).toBeGreaterThan(0);
            expect(new Set(a.values).size).toBe(a.values.length);
          }
          expect(combinations(axes)).toHaveLength(axes.reduce((n, a) => n * a.values.length, 1));
        } catch (err) {
          expect(err).toBeInstanceOf(CliError);
          expect((err as Error).message).not.toMatch(/\n/);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('splits combinations into shards that cover each once (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 200 }), fc.integer({ min: 1, max: 12 }), (n, count) => {
        const items = Array.from({ length: n }, (_, i) => i);
        const seen = Array.from({ length: count }, (_, k) => shardOf(items, { index: k + 1, count }).map((x) => x.item)).flat();
        expect(seen.sort((a, b) => a - b)).toEqual(items);
      }),
    );
  });
});
