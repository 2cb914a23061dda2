import { z } from 'zod';

// The schema is the single source of the result types: files are validated with it on read.

export const RESULT_FORMAT = 'rustybt-bench/1';

const finite = z.number().refine(Number.isFinite, 'must be a finite number');
const nonNegative = finite.refine((v) => v >= 0, 'must be >= 0');

export const summarySchema = z.strictObject({
  n: z.number().int().positive(),
  mean: nonNegative,
  median: nonNegative,
  p95: nonNegative,
  p99: nonNegative,
  min: nonNegative,
  max: nonNegative,
  stdev: nonNegative,
  rme: nonNegative,
});

export const caseKindSchema = z.enum(['throughput', 'latency', 'micro']);

/** One measured series: per-item (throughput) or per-operation (latency, micro) cost in nanoseconds. */
export const seriesSchema = z.strictObject({
  name: z.string().min(1),
  /** Cost samples in nanoseconds per item (throughput) or per operation (latency, micro). Lower is faster. */
  samplesNs: z.array(nonNegative).min(1),
  /** Statistics of samplesNs. */
  statsNs: summarySchema,
  /** Operations (or items, for throughput) per second: 1e9 / mean cost. */
  perSecond: nonNegative,
});

export const goalResultSchema = z.strictObject({
  goal: z.string(),
  actual: finite,
  met: z.boolean(),
});

/** One timed iteration's RSS samples, reduced: means of the first and last 10% of them. */
export const rssGrowthIterationSchema = z.strictObject({
  samples: z.number().int().positive(),
  firstBytes: nonNegative,
  lastBytes: nonNegative,
  /** lastBytes / firstBytes − 1, in percent. */
  percent: finite,
  /** Mean RSS of each tenth of the samples, in order: the shape of the run (rises then flattens, or keeps rising). */
  tenthsBytes: z.array(nonNegative).length(10),
});

/** How resident memory grew over a run of the case, from RSS samples taken while it ran. */
export const rssGrowthSchema = z.strictObject({
  /** Growth of the worst timed iteration in percent: mean RSS of its last 10% of samples / mean of its first 10% − 1. */
  percent: finite,
  /** `timer`: sampled every `everyMs` while the run yielded to the event loop; `run`: samples the run recorded itself. */
  sampling: z.enum(['timer', 'run']),
  everyMs: nonNegative.optional(),
  iterations: z.array(rssGrowthIterationSchema).min(1),
});

export const caseResultSchema = z.strictObject({
  name: z.string().min(1),
  kind: caseKindSchema,
  /** What one item or operation is: "bars", "rows", "lines", "ops". */
  unit: z.string().min(1),
  case: seriesSchema,
  reference: seriesSchema.optional(),
  /** case median cost / reference median cost: how many times slower than the reference (lower is better). */
  ratio: nonNegative.optional(),
  /**
   * Peak resident set size in bytes; `child`: the case ran alone in a child process (true peak);
   * `process`: highest RSS sampled in the shared process; `driven`: the peak of the process the
   * case's operation runs (e.g. the rustybt CLI), as that process reported it.
   */
  peakRssBytes: nonNegative,
  rssScope: z.enum(['child', 'process', 'driven']),
  /** Only for cases that measure it (added in the same format version: files without it still read). */
  rssGrowth: rssGrowthSchema.optional(),
  goals: z.array(goalResultSchema),
});

export const suiteResultSchema = z.strictObject({
  name: z.string().min(1),
  cases: z.array(caseResultSchema),
});

export const machineInfoSchema = z.strictObject({
  cpuModel: z.string(),
  cores: z.number().int().positive(),
  totalMemoryBytes: nonNegative,
  nodeVersion: z.string(),
  platform: z.string(),
  arch: z.string(),
  commit: z.string().nullable(),
  loadAverage: z.array(finite),
});

export const resultFileSchema = z.strictObject({
  format: z.literal(RESULT_FORMAT),
  createdAt: z.iso.datetime(),
  machine: machineInfoSchema,
  quick: z.boolean(),
  suites: z.array(suiteResultSchema).min(1),
});

export type Summary = z.infer<typeof summarySchema>;
export type CaseKind = z.infer<typeof caseKindSchema>;
export type Series = z.infer<typeof seriesSchema>;
export type GoalResult = z.infer<typeof goalResultSchema>;
export type RssGrowthIteration = z.infer<typeof rssGrowthIterationSchema>;
export type RssGrowth = z.infer<typeof rssGrowthSchema>;
export type CaseResult = z.infer<typeof caseResultSchema>;
export type SuiteResult = z.infer<typeof suiteResultSchema>;
export type MachineInfo = z.infer<typeof machineInfoSchema>;
export type ResultFile = z.infer<typeof resultFileSchema>;
