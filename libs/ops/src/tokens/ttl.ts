import { InputError } from '../errors';

const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
export const MIN_TTL_MS = UNIT_MS.m;
export const MAX_TTL_MS = 90 * UNIT_MS.d;

/** `--ttl 12h` -> milliseconds: whole minutes, hours or days, from 1m to 90d. */
export function parseTtl(text: string): number {
  const m = /^(\d{1,6})(m|h|d)$/.exec(text.trim());
  const ms = m ? Number(m[1]) * UNIT_MS[m[2] as keyof typeof UNIT_MS] : Number.NaN;
  if (!(ms >= MIN_TTL_MS && ms <= MAX_TTL_MS)) {
    throw new InputError(`bad --ttl '${text.slice(0, 40)}'. Give a lifetime from 1m to 90d, e.g. 15m, 12h or 7d`);
  }
  return ms;
}
