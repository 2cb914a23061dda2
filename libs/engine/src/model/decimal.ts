import Decimal from 'decimal.js';

export { Decimal };
export type DecimalInput = Decimal | number | string;

export const ZERO = new Decimal(0);

export function toDecimal(value: DecimalInput): Decimal {
  return value instanceof Decimal ? value : new Decimal(value);
}

/** A finite decimal written as a string, the form money takes in JSON and snapshots. */
export const DECIMAL_STRING = /^-?(\d+(\.\d+)?|\.\d+)(e[+-]?\d+)?$/i;
