import Decimal from 'decimal.js';

export { Decimal };
export type DecimalInput = Decimal | number | string;

export const ZERO = new Decimal(0);

// Strategies pass the same few plain numbers (a quantity, a target) bar after bar.
const recent = new Map<number, Decimal>();

export function toDecimal(value: DecimalInput): Decimal {
  if (value instanceof Decimal) return value;
  if (typeof value !== 'number') return new Decimal(value);
  let d = recent.get(value);
  if (d === undefined) {
    d = new Decimal(value);
    if (recent.size >= 256) recent.clear();
    recent.set(value, d);
  }
  return d;
}

/** A finite decimal written as a string, the form money takes in JSON and snapshots. */
export const DECIMAL_STRING = /^-?(\d+(\.\d+)?|\.\d+)(e[+-]?\d+)?$/i;
