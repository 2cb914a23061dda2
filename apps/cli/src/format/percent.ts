import { twoDecimals } from './money';

/** A fraction as a percentage for a person to read: 0.1234 is `12.34%`. */
export const pct = (fraction: number): string => (Number.isFinite(fraction) ? `${twoDecimals(fraction * 100)}%` : String(fraction));

/** A change: `+1.25%`, `-0.50%`; one that rounds to zero has no sign (`0.00%`, never `+-0.00%`). */
export const signedPct = (fraction: number): string => {
  const p = pct(fraction);
  return Number.isFinite(fraction) && !p.startsWith('-') && p !== '0.00%' ? `+${p}` : p;
};
