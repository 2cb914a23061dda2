import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { commissionSchema, latencySchema, slippageSchema } from './config';
import {
  ModelSpecError,
  describeCommission,
  describeLatency,
  describeSlippage,
  parseCommission,
  parseLatency,
  parseSlippage,
  parseVolumeLimit,
} from './model-spec';
import { resolvePaperConfig } from './resolve-config';

const PARSERS = [
  ['--slippage', parseSlippage],
  ['--commission', parseCommission],
  ['--latency', parseLatency],
  ['--volume-limit', parseVolumeLimit],
] as const;

function refusal(fn: () => unknown): ModelSpecError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ModelSpecError);
    return err as ModelSpecError;
  }
  throw new Error('expected a ModelSpecError');
}

describe('model strings', () => {
  it('reads every form into the schema the broker takes', () => {
    expect(parseSlippage('none')).toEqual({ model: 'none' });
    expect(parseSlippage('fixed-bps:10')).toEqual({ model: 'fixed-bps', bps: 10 });
    expect(parseSlippage(' volume-share:0.25 ')).toEqual({ model: 'volume-share', priceImpact: 0.25 });
    expect(parseCommission('percent:0.001')).toEqual({ model: 'percent', rate: 0.001 });
    expect(parseCommission('percent:0.1%')).toEqual({ model: 'percent', rate: 0.001 });
    expect(parseCommission('per-share:0.005')).toEqual({ model: 'per-share', perShare: 0.005, minimum: 0 });
    expect(parseCommission('per-share:0.005:1')).toEqual({ model: 'per-share', perShare: 0.005, minimum: 1 });
    expect(parseCommission('maker-taker:0.0002:0.0007')).toEqual({ model: 'maker-taker', maker: 0.0002, taker: 0.0007 });
    expect(parseLatency('fixed:250')).toEqual({ model: 'fixed', ms: 250 });
    expect(parseLatency('uniform:10:90')).toEqual({ model: 'uniform', minMs: 10, maxMs: 90 });
    expect(parseVolumeLimit('0.25')).toBe(0.25);
    expect(parseVolumeLimit('1')).toBe(1);
  });

  it('refuses malformed strings and negative rates with a message naming the flag', () => {
    const bad: [() => unknown, string, RegExp][] = [
      [() => parseSlippage('fixed-bps:-5'), '--slippage', /bps -5 is negative/],
      [() => parseSlippage('fixed-bps'), '--slippage', /has 0 values after the model name/],
      [() => parseSlippage('fixed:10'), '--slippage', /unknown model "fixed"/],
      [() => parseSlippage(''), '--slippage', /is empty/],
      [() => parseCommission('percent:1e-3'), '--commission', /is not a number/],
      [() => parseCommission('percent:0.5:1'), '--commission', /has 2 values/],
      [() => parseCommission('percent:1'), '--commission', /100% of the notional/],
      [() => parseCommission('maker-taker:0.001:-0.002'), '--commission', /taker rate -0.002 is negative/],
      [() => parseCommission('per-share:0.12345678901234567891'), '--commission', /more digits than a rate can hold/],
      [() => parseLatency('uniform:90:10'), '--latency', /maximum 10 is below the minimum 90/],
      [() => parseLatency('fixed:2.5'), '--latency', /not a whole number of milliseconds/],
      [() => parseVolumeLimit('0'), '--volume-limit', /not in \(0, 1\]/],
      [() => parseVolumeLimit('1.5'), '--volume-limit', /not in \(0, 1\]/],
    ];
    for (const [fn, flag, message] of bad) {
      const err = refusal(fn);
      expect(err.flag).toBe(flag);
      expect(err.exitCode).toBe(2);
      expect(err.message.startsWith(flag)).toBe(true);
      expect(err.message).toMatch(message);
      expect(err.message).not.toMatch(/\n/);
    }
  });

  it('never throws anything but a ModelSpecError naming the flag, whatever the text (fuzz)', () => {
    const pieces = fc.constantFrom(
      'none',
      'fixed-bps',
      'volume-share',
      'percent',
      'per-share',
      'maker-taker',
      'fixed',
      'uniform',
      ':',
      '-',
      '.',
      '%',
      'e',
      '1',
      '0',
      '9',
      ' ',
      'x',
      '\n',
      '1e400',
      'NaN',
      'Infinity',
    );
    const text = fc.oneof(
      fc.string(),
      fc.array(pieces, { maxLength: 8 }).map((p) => p.join('')),
    );
    fc.assert(
      fc.property(text, (t) => {
        for (const [flag, parse] of PARSERS) {
          try {
            const value = parse(t);
            if (typeof value === 'number') expect(value > 0 && value <= 1).toBe(true);
          } catch (err) {
            expect(err).toBeInstanceOf(ModelSpecError);
            expect((err as ModelSpecError).flag).toBe(flag);
            expect((err as Error).message.startsWith(flag)).toBe(true);
          }
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('describes every model as a string that parses back to it (property)', () => {
    const r = fc.double({ min: 0, max: 1e6, noNaN: true });
    const f = fc.double({ min: 0, max: 0.99, noNaN: true });
    const ms = fc.nat({ max: 86_400_000 });
    const slippage = fc.oneof(
      fc.constant({ model: 'none' as const }),
      r.map((bps) => ({ model: 'fixed-bps' as const, bps })),
      r.map((priceImpact) => ({ model: 'volume-share' as const, priceImpact })),
    );
    const commission = fc.oneof(
      fc.constant({ model: 'none' as const }),
      f.map((rate) => ({ model: 'percent' as const, rate })),
      fc.tuple(r, r).map(([perShare, minimum]) => ({ model: 'per-share' as const, perShare, minimum })),
      fc.tuple(f, f).map(([maker, taker]) => ({ model: 'maker-taker' as const, maker, taker })),
    );
    const latency = fc.oneof(
      fc.constant({ model: 'none' as const }),
      ms.map((v) => ({ model: 'fixed' as const, ms: v })),
      fc.tuple(ms, ms).map(([a, b]) => ({ model: 'uniform' as const, minMs: Math.min(a, b), maxMs: Math.max(a, b) })),
    );
    fc.assert(
      fc.property(slippage, commission, latency, (s, c, l) => {
        expect(parseSlippage(describeSlippage(s))).toEqual(slippageSchema.parse(s));
        expect(parseCommission(describeCommission(c))).toEqual(commissionSchema.parse(c));
        expect(parseLatency(describeLatency(l))).toEqual(latencySchema.parse(l));
      }),
      { numRuns: 1000 },
    );
  });
});

describe('resolvePaperConfig', () => {
  it('takes flags over the file over the defaults, a flag replacing its whole model', () => {
    const file = { slippage: { model: 'fixed-bps' as const, bps: 3 }, commission: { model: 'percent' as const, rate: 0.002 }, volumeLimit: 0.5 };
    expect(resolvePaperConfig(undefined, {})).toMatchObject({
      fillAt: 'next-open',
      slippage: { model: 'none' },
      commission: { model: 'none' },
      volumeLimit: 0.1,
      allowShort: false,
    });
    expect(resolvePaperConfig(file, {})).toMatchObject(file);
    const both = resolvePaperConfig(file, { slippage: 'volume-share:0.2', allowShort: true, fillAt: 'close' });
    expect(both.slippage).toEqual({ model: 'volume-share', priceImpact: 0.2 });
    expect(both).toMatchObject({ commission: { model: 'percent', rate: 0.002 }, volumeLimit: 0.5, allowShort: true, fillAt: 'close' });
  });
});
