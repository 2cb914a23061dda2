import type { HistogramBucket, HistogramEvidence, TableEvidence, TimelineEvidence } from './evidence-schema';

// Builders for check evidence, so validators produce series the reports know how to draw.

export function tableEvidence(name: string, title: string, columns: string[], rows: TableEvidence['rows']): TableEvidence {
  return { kind: 'table', name, title, columns, rows };
}

export interface IncidentRow {
  /** ISO 8601 start of the outage. */
  start: string;
  /** ISO 8601 end; null while still open at the end of the window. */
  end: string | null;
  durationSeconds: number;
  /** crash, planned, halted, ... as the uptime analyzer names it. */
  kind: string;
  /** The probable cause: the error event, stop reason or signal logged just before; null if none was. */
  cause: string | null;
}

/** The paper-trading incidents table; reports give a table named `incidents` its own heading. */
export function incidentsTable(rows: readonly IncidentRow[]): TableEvidence {
  return tableEvidence(
    'incidents',
    'Downtime incidents',
    ['Start', 'End', 'Duration (s)', 'Kind', 'Probable cause'],
    rows.map((r) => [r.start, r.end ?? 'open', r.durationSeconds, r.kind, r.cause ?? 'unknown']),
  );
}

export interface HistogramOptions {
  name?: string;
  title: string;
  unit: string;
  /** Number of equal-width buckets between the smallest and largest sample (default 20). */
  buckets?: number;
  markers?: HistogramEvidence['markers'];
}

/** A histogram of raw samples (latencies in ms, say) in equal-width buckets. */
export function histogramFromSamples(samples: readonly number[], options: HistogramOptions): HistogramEvidence {
  const finite = samples.filter(Number.isFinite);
  const n = Math.max(1, Math.floor(options.buckets ?? 20));
  // A loop, not Math.min(...samples): a million samples would overflow the argument list.
  let lo = finite.length > 0 ? finite[0]! : 0;
  let hi = finite.length > 0 ? finite[0]! : 1;
  for (const s of finite) {
    if (s < lo) lo = s;
    if (s > hi) hi = s;
  }
  const width = hi > lo ? (hi - lo) / n : 1;
  const buckets: HistogramBucket[] = Array.from({ length: hi > lo ? n : 1 }, (_, i) => ({ from: lo + i * width, to: lo + (i + 1) * width, count: 0 }));
  for (const s of finite) buckets[Math.min(buckets.length - 1, Math.floor((s - lo) / width))]!.count += 1;
  return { kind: 'histogram', name: options.name ?? 'latency', title: options.title, unit: options.unit, buckets, markers: options.markers ?? [] };
}

export function timelineEvidence(title: string, start: string, end: string, segments: TimelineEvidence['segments'], name = 'uptime'): TimelineEvidence {
  return { kind: 'timeline', name, title, start, end, segments };
}
