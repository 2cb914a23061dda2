import { z } from 'zod';

export const SORT_KEYS = ['sharpe', 'return', 'cagr', 'drawdown', 'exposure', 'trades'] as const;
export type SortKey = (typeof SORT_KEYS)[number];

// The summary of one run is kept as the single run prints it; merge checks only what it ranks by.
const summarySchema = z
  .object({
    totalReturn: z.string(),
    finalEquity: z.string(),
    fees: z.string(),
    cagr: z.number(),
    sharpe: z.number(),
    maxDrawdown: z.number(),
    exposure: z.number(),
    trades: z.number(),
    params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
  })
  .catchall(z.unknown());

export const sweepRunSchema = z.object({
  combination: z.number().int().nonnegative(),
  params: z.array(z.string()),
  summary: summarySchema.optional(),
  error: z.string().optional(),
});

/** A sweep's result (`--json`, `--output`), also what `rustybt backtest merge` reads from each shard. */
export const sweepDocSchema = z.object({
  sweep: z.object({
    strategy: z.string(),
    data: z.string(),
    symbols: z.array(z.string()),
    interval: z.string(),
    axes: z.array(z.object({ key: z.string(), values: z.array(z.string()) })),
    combinations: z.number().int().positive(),
    shard: z.object({ index: z.number().int().positive(), count: z.number().int().positive() }),
    shards: z.array(z.number().int().positive()),
    sort: z.enum(SORT_KEYS),
  }),
  runs: z.array(sweepRunSchema),
});

export type SweepDoc = z.infer<typeof sweepDocSchema>;
export type SweepRun = z.infer<typeof sweepRunSchema>;

const metric = (r: SweepRun, key: SortKey): number => {
  const s = r.summary;
  if (!s) return Number.NaN;
  switch (key) {
    case 'sharpe':
      return s.sharpe;
    case 'return':
      return Number(s.totalReturn);
    case 'cagr':
      return s.cagr;
    case 'drawdown':
      return -s.maxDrawdown;
    case 'exposure':
      return s.exposure;
    case 'trades':
      return s.trades;
  }
};

/** Best first (drawdown: smallest first); failed runs last; ties in combination order, so ranks are stable. */
export function rank(runs: readonly SweepRun[], key: SortKey): SweepRun[] {
  return [...runs].sort((a, b) => {
    const x = metric(a, key);
    const y = metric(b, key);
    if (Number.isNaN(x) !== Number.isNaN(y)) return Number.isNaN(x) ? 1 : -1;
    if (x !== y && !Number.isNaN(x)) return y - x;
    return a.combination - b.combination;
  });
}
