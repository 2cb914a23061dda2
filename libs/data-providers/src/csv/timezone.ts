import { DataInputError } from '../errors';

/** Converts a naive wall-clock time (expressed as if it were UTC) to real UTC epoch ms. */
export interface NaiveTimeZone {
  readonly name: string;
  toUtc(naiveMs: number): number;
}

const UTC: NaiveTimeZone = { name: 'UTC', toUtc: (ms) => ms };
const HOUR = 3_600_000;
const CACHE_LIMIT = 50_000;

/** A zone by IANA name; offsets come from Intl and are cached per hour so large files stay fast. */
export function naiveTimeZone(name = 'UTC'): NaiveTimeZone {
  if (name === 'UTC' || name === 'Etc/UTC' || name === 'GMT') return UTC;
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: name,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  } catch {
    throw new DataInputError(`unknown time zone '${name}'. Use an IANA name such as America/New_York or UTC`);
  }
  const cache = new Map<number, number>();
  const offsetAt = (utc: number): number => {
    const key = Math.floor(utc / HOUR);
    const hit = cache.get(key);
    if (hit !== undefined) return hit;
    const p: Record<string, number> = {};
    for (const part of format.formatToParts(new Date(key * HOUR))) if (part.type !== 'literal') p[part.type] = Number(part.value);
    const wall = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!);
    const offset = wall - key * HOUR;
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(key, offset);
    return offset;
  };
  return {
    name,
    toUtc(naive) {
      // Two passes settle on the right side of a DST change; a wall time that does not exist
      // (spring forward) lands one hour later, as most libraries do.
      const first = naive - offsetAt(naive);
      return naive - offsetAt(first);
    },
  };
}
