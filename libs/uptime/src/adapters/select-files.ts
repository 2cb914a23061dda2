import type { LogFile } from './observation';

/**
 * The log files among a directory's names, in time order. `placeOf` says where a name belongs (null: not a
 * log), `before` orders two places. A `.gz` whose plain twin exists is skipped: a compressor that has not
 * yet removed its input must not double the events.
 */
export function selectLogFiles<P>(
  names: readonly string[],
  placeOf: (name: string) => P | null,
  before: (a: P, b: P) => number,
): { files: LogFile[]; skipped: string[] } {
  const present = new Set(names);
  const picked: { file: LogFile; place: P }[] = [];
  const skipped: string[] = [];
  for (const name of names) {
    const place = placeOf(name);
    if (place === null) continue;
    const gzip = name.endsWith('.gz');
    if (gzip && present.has(name.slice(0, -3))) skipped.push(name);
    else picked.push({ file: { name, gzip }, place });
  }
  picked.sort((a, b) => before(a.place, b.place));
  return { files: picked.map((p) => p.file), skipped: skipped.sort() };
}

export const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
