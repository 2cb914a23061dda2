import { Decimal } from '@rustybt/engine';

/**
 * A figure for a person to read: rounded half up to two places in decimal arithmetic (through a
 * float, 1.005 would print as 1.00), never a negative zero. Text that is not a number is shown as it is.
 */
export function twoDecimals(value: Decimal.Value): string {
  let d: Decimal;
  try {
    d = new Decimal(value);
  } catch {
    return String(value);
  }
  if (!d.isFinite()) return String(value);
  const text = d.toFixed(2, Decimal.ROUND_HALF_UP);
  return text === '-0.00' ? '0.00' : text;
}

/** Money for a person to read, in cents; the exact figure stays in --json, the logs and the state file. */
export const money = (value: Decimal.Value): string => twoDecimals(value);
