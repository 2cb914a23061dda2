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
 * `d.toNumber()`, exactly, without its string round trip for the common case of a whole number
 * below 10^7 (decimal.js keeps it as one base-10^7 word with exponent 0..6): order quantities.
 * Anything else takes toNumber's own path.
 */
export function numberOf(d: Decimal): number {
  const words = d.d;
  const e = d.e;
  // One word whose digit count matches the exponent is that whole number (a fraction needs a second word).
  if (words !== null && words.length === 1 && e >= 0 && e < 7) {
    const w = words[0]!;
    if (w < POW10[e + 1]! && (w >= POW10[e]! || w === 0)) return d.s * w;
  }
  return d.toNumber();
}

const POW10 = [1, 10, 100, 1000, 10_000, 100_000, 1_000_000, 10_000_000];

/** `d > 0` without constructing the zero decimal.js compares against. */
export const isPositive = (d: Decimal): boolean => d.s > 0 && !d.isZero();

/** A finite decimal written as a string, the form money takes in JSON and snapshots. */
export const DECIMAL_STRING = /^-?(\d+(\.\d+)?|\.\d+)(e[+-]?\d+)?$/i;
