import { join } from 'node:path';
import { existsSync, statSync } from 'node:fs';
import { INTERVAL_MS, type Interval } from '@rustybt/engine';
import { csvBarSpacing, intervalOfSpacing, type SourceSpec } from '@rustybt/data-providers';
import { CliError } from '../errors';

export interface ResolvedInterval {
  /** What the source is asked for (sources that generate or download bars honour it). */
  interval: Interval;
  /** What the summary says: the data's own spacing for a CSV, e.g. `1m`, or `2m` when no engine interval matches. */
  label: string;
}

const UNITS: [number, string][] = [
  [604_800_000, 'w'],
  [86_400_000, 'd'],
  [3_600_000, 'h'],
  [60_000, 'm'],
  [1000, 's'],
];

/** A spacing as an interval-like text: 60000 -> 1m, 120000 -> 2m, 5400000 -> 90m. */
export function spacingLabel(ms: number): string {
  for (const [size, unit] of UNITS) if (ms % size === 0) return `${ms / size}${unit}`;
  return `${ms}ms`;
}

/**
 * The bar interval: for CSV data the files' own spacing (a contradicting --interval is refused,
 * since the statistics would be annualised from bars that are not there); otherwise --interval,
 * default 1d.
 */
export async function resolveInterval(flag: string | undefined, spec: SourceSpec, symbols: string[]): Promise<ResolvedInterval> {
  const given = flag as Interval | undefined;
  if (spec.kind !== 'csv') return { interval: given ?? '1d', label: given ?? '1d' };
  const isDir = statSync(spec.path).isDirectory();
  let found: { file: string; ms: number } | undefined;
  for (const symbol of symbols) {
    const file = isDir ? join(spec.path, `${symbol}.csv`) : spec.path;
    // A missing file is reported by the reader itself, with the folder it looked in.
    if (!existsSync(file)) continue;
    const ms = await csvBarSpacing(file);
    if (ms === undefined) continue;
    if (found && found.ms !== ms)
      throw new CliError(
        `${found.file} has bars ${spacingLabel(found.ms)} apart but ${file} ${spacingLabel(ms)} apart. Backtest symbols of one bar interval together`,
      );
    found ??= { file, ms };
  }
  if (!found) return { interval: given ?? '1d', label: given ?? '1d' };
  const own = intervalOfSpacing(found.ms);
  if (given !== undefined && INTERVAL_MS[given] !== found.ms) {
    throw new CliError(
      `--interval ${given} contradicts the data: ${found.file} has bars ${spacingLabel(found.ms)} apart. ${own ? `Drop --interval or give --interval ${own}` : 'Drop --interval'}`,
    );
  }
  return { interval: own ?? given ?? '1d', label: own ?? spacingLabel(found.ms) };
}
