import Decimal from 'decimal.js';

export { Decimal };
export type DecimalInput = Decimal | number | string;

export const ZERO = new Decimal(0);

/**
 * Plain numbers made decimal, remembered: strategies pass the same few (a quantity, a target) bar
 * after bar, and bar prices sit on a tick grid, so most conversions repeat one made moments ago.
 * Parsing a number costs over a microsecond; a hit costs a map lookup. Decimals are immutable, so
 * sharing one is safe. When full the cache starts over, which keeps memory flat and lookups cheap.
 */
const recent = new Map<number, Decimal>();
const RECENT_MAX = 4096;

export function toDecimal(value: DecimalInput): Decimal {
  if (value instanceof Decimal) return value;
  if (typeof value !== 'number') return new Decimal(value);
  let d = recent.get(value);
  if (d === undefined) {
    d = new Decimal(value);
    if (recent.size >= RECENT_MAX) recent.clear();
    recent.set(value, d);
  }
  return d;
}

/**
 * `d.toNumber()`, exactly, without its string round trip for the usual figures of a run: whole
 * quantities below 10^7 and money with up to 7 integer and 14 fractional digits. decimal.js keeps
 * digits in base-10^7 words; one or two words make an integer below 2^53, and dividing it by 10^7
 * or 10^14 (both exact doubles) is one correctly rounded operation, as parsing the decimal's text
 * is: the same number. Anything else takes toNumber's own path.
 */
export function numberOf(d: Decimal): number {
  const words = d.d;
  const e = d.e;
  if (words === null || words.length > 2 || e < -7 || e > 6) return d.toNumber();
  const w0 = words[0]!;
  // The first word holds the integer part (e >= 0, e + 1 digits) or the first 7 fractional digits (e < 0).
  if (e >= 0 ? !(w0 < POW10[e + 1]! && (w0 >= POW10[e]! || w0 === 0)) : !(w0 < 1e7)) return d.toNumber();
  const n = words.length === 1 ? w0 : w0 * 1e7 + words[1]!;
  const fractionWords = words.length - (e >= 0 ? 1 : 0);
  return d.s * (fractionWords === 0 ? n : n / (fractionWords === 1 ? 1e7 : 1e14));
}

const POW10 = [1, 10, 100, 1000, 10_000, 100_000, 1_000_000, 10_000_000];

/** `d > 0` without constructing the zero decimal.js compares against. */
export const isPositive = (d: Decimal): boolean => d.s > 0 && !d.isZero();

/** A finite decimal written as a string, the form money takes in JSON and snapshots. */
export const DECIMAL_STRING = /^-?(\d+(\.\d+)?|\.\d+)(e[+-]?\d+)?$/i;
