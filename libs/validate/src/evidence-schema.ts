import { z } from 'zod';

// Evidence a check carries beyond its one measured value: rows for a table (the paper-trading
// incidents), or a series a report draws (a latency histogram, an uptime timeline).

const finite = z.number().refine(Number.isFinite, 'must be a finite number');
const isoTime = z.iso.datetime({ offset: true });
const cell = z.union([z.string(), finite, z.null()]);

export const tableEvidenceSchema = z.strictObject({
  kind: z.literal('table'),
  /** Stable name a report can look for, e.g. `incidents`. */
  name: z.string().regex(/^[a-z][a-z0-9-]*$/),
  title: z.string(),
  columns: z.array(z.string()).min(1),
  rows: z.array(z.array(cell)),
});

export const histogramBucketSchema = z.strictObject({
  /** Lower bound of the bucket (inclusive), in `unit`. */
  from: finite,
  /** Upper bound of the bucket (exclusive), in `unit`. */
  to: finite,
  count: z.number().int().nonnegative(),
});

export const histogramEvidenceSchema = z.strictObject({
  kind: z.literal('histogram'),
  name: z.string().regex(/^[a-z][a-z0-9-]*$/),
  title: z.string(),
  unit: z.string(),
  buckets: z.array(histogramBucketSchema).min(1),
  /** Vertical lines drawn over the bars: the p99 measured, the threshold. */
  markers: z.array(z.strictObject({ label: z.string(), value: finite })).default([]),
});

export const TIMELINE_STATES = ['up', 'degraded', 'planned', 'down', 'unknown'] as const;

export const timelineEvidenceSchema = z.strictObject({
  kind: z.literal('timeline'),
  name: z.string().regex(/^[a-z][a-z0-9-]*$/),
  title: z.string(),
  start: isoTime,
  end: isoTime,
  /** Consecutive or gapped spans; time not covered by a segment is drawn as unknown. */
  segments: z.array(z.strictObject({ from: isoTime, to: isoTime, state: z.enum(TIMELINE_STATES), label: z.string().optional() })),
});

export const evidenceSchema = z.discriminatedUnion('kind', [tableEvidenceSchema, histogramEvidenceSchema, timelineEvidenceSchema]);

export type Evidence = z.infer<typeof evidenceSchema>;
export type TableEvidence = z.infer<typeof tableEvidenceSchema>;
export type HistogramEvidence = z.infer<typeof histogramEvidenceSchema>;
export type HistogramBucket = z.infer<typeof histogramBucketSchema>;
export type TimelineEvidence = z.infer<typeof timelineEvidenceSchema>;
export type TimelineState = (typeof TIMELINE_STATES)[number];
