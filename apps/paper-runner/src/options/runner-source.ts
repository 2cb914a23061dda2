import { parseSourceSpec, type SourceSpec } from '@rustybt/data-providers';

export const DATA_KINDS_HELP = "sim, replay:sim, replay:csv:<file-or-dir>, yahoo (Yahoo's bars as they close) or ccxt:<exchange> (the venue's live bars)";

/**
 * The feeds the runner is tested with: the sim market live, recorded bars (sim or CSV) replayed,
 * Yahoo's or a venue's bars as they close. Undefined for any other spec.
 */
export function runnerSource(data: string): SourceSpec | undefined {
  let spec: SourceSpec;
  try {
    spec = parseSourceSpec(data);
  } catch {
    return undefined;
  }
  if (spec.kind === 'csv') return undefined;
  if (spec.kind === 'replay' && spec.inner.kind !== 'sim' && spec.inner.kind !== 'csv') return undefined;
  return spec;
}

/** The seeded sim market, live or replayed: its bars sit on a fixed grid from the session's anchor. */
export const isSimSource = (s: SourceSpec): boolean => s.kind === 'sim' || (s.kind === 'replay' && s.inner.kind === 'sim');

/** Markets whose bars arrive as they close and are polled: a venue's, Yahoo's. */
export const isPolledSource = (s: SourceSpec): boolean => s.kind === 'ccxt' || s.kind === 'yahoo';
