import { availableParallelism } from 'node:os';
import type { BacktestFlags } from '../backtest-flags';
import { CliError } from '../../errors';
import { combinations, parseJobs, parseShard, parseSweep, shardOf, type SweepAxis } from './parse-sweep';

export interface SweepPlan {
  axes: SweepAxis[];
  shard: { index: number; count: number };
  /** Every combination of the sweep, and this shard's share with their positions in it. */
  all: string[][];
  mine: { position: number; item: string[] }[];
  /** Run threads: --jobs (default one per core), never more than there are combinations to run. */
  threads: number;
}

/** What a sweep's flags ask for. Throws CliError (exit 2) on a malformed --sweep, --shard or --jobs. */
export function planSweep(flags: Pick<BacktestFlags, 'sweep' | 'param' | 'shard' | 'jobs'>): SweepPlan {
  const axes = parseSweep(flags.sweep ?? [], flags.param ?? []);
  const shard = parseShard(flags.shard);
  const jobs = parseJobs(flags.jobs, availableParallelism());
  const all = combinations(axes);
  const mine = shardOf(all, shard);
  if (mine.length === 0)
    throw new CliError(`--shard ${shard.index}/${shard.count} has no combinations: the sweep has ${all.length}. Split it into at most ${all.length} shards`);
  return { axes, shard, all, mine, threads: Math.min(jobs, mine.length) };
}
