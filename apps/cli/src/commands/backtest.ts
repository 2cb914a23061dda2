import type { BacktestFlags } from '../backtest/backtest-flags';
import { type Command, Option } from 'commander';

const collect = (value: string, previous: string[] = []) => [...previous, value];

const SORT_KEYS = ['sharpe', 'return', 'cagr', 'drawdown', 'exposure', 'trades'];

export function registerBacktest(program: Command) {
  const backtest = program.command('backtest');
  backtest
    .description(
      'run a strategy over historical bars with the paper broker and print period, bars, trades, return, CAGR, Sharpe, drawdown, exposure and bars/s',
    )
    // Required, but checked in the action: commander would demand a parent's mandatory options of `backtest merge` too.
    .option('--strategy <file>', 'strategy file (.ts or .js) exporting a strategy (see defineStrategy) (required)')
    .option('--data <spec>', 'bars: csv:<file-or-dir>, sim, yahoo, ccxt:<exchange> (required)')
    .option('--symbol <symbol>', 'instrument; repeat for several (default: the CSV file name, SIM for sim)', collect)
    .option('--from <date>', 'first bar time, YYYY-MM-DD or ISO 8601 (default: the start of the data)')
    .option('--to <date>', 'last day (YYYY-MM-DD, inclusive) or instant (ISO 8601, exclusive) (default: the end of the data)')
    .addOption(
      new Option(
        '--interval <interval>',
        "bar interval of the data (default: a CSV's own spacing, else 1d); a CSV whose bars are spaced otherwise is refused",
      ).choices(['1m', '5m', '15m', '30m', '1h', '4h', '1d', '1w']),
    )
    .option('--capital <amount>', 'starting cash', '100000')
    .option('--param <key=value>', "strategy parameter, typed by the strategy's default (repeatable)", collect)
    .addOption(
      new Option(
        '--fill-at <model>',
        "fill model: next-open (orders fill at the next bar's open) or close (at the bar's close) (default: config paper.fillAt, else next-open)",
      ).choices(['next-open', 'close']),
    )
    .option('--slippage <model>', 'none | fixed-bps:<bps> | volume-share:<impact> (default: config paper.slippage, else none)')
    .option(
      '--commission <model>',
      'none | percent:<rate> | per-share:<amount>[:<minimum>] | maker-taker:<maker>:<taker>; rates as fractions (0.001) or percentages (0.1%) (default: config paper.commission, else none)',
    )
    .option('--latency <model>', 'none | fixed:<ms> | uniform:<min>:<max>, in market time, seeded (default: config paper.latency, else none)')
    .option('--volume-limit <fraction>', "most of a bar's volume filled per bar, in (0, 1] (default: config paper.volumeLimit, else 0.1)")
    .option('--allow-short', 'allow selling more than is held (default: config paper.allowShort, else off)')
    .option('--seed <n>', 'seed of everything random (sim data, latency, ctx.random)', '42')
    .option('--output <file>', "write stats, trades, fills and the equity curve as JSON (a sweep: every run's stats)")
    .option(
      '--sweep <key=values>',
      'run every combination: values as a list (fast=5,10,20) or an inclusive range (slow=30..90:30); repeat for more parameters',
      collect,
    )
    .option('--jobs <n>', 'sweep threads (default: one per core)')
    .addOption(new Option('--sort <stat>', 'rank a sweep by (default sharpe; drawdown ranks the smallest first)').choices(SORT_KEYS))
    .option('--shard <i/n>', 'run only the i-th of n interleaved parts of a sweep (merge the parts with backtest merge)')
    .action(async (opts: BacktestFlags, cmd: Command) => {
      for (const flag of ['--strategy <file>', '--data <spec>']) {
        if (opts[flag.slice(2, flag.indexOf(' ')) as 'strategy' | 'data'] === undefined)
          cmd.error(`error: required option '${flag}' not specified`, { exitCode: 2, code: 'commander.missingMandatoryOptionValue' });
      }
      // The reading thread (and a sweep's run threads) load their modules while this one loads the backtest's.
      const { prestartThreads } = await import('../backtest/worker-thread');
      prestartThreads(1);
      if (opts.sweep !== undefined) prestartThreads(1 + (await sweepThreads(opts)));
      const { runBacktest } = await import('../backtest/run-backtest');
      await runBacktest(opts, cmd);
    });
  backtest
    .command('merge')
    .description('merge the --output (or --json) results of the shards of one sweep into one ranked result')
    .argument('<files...>', "the shards' sweep results")
    .addOption(new Option('--sort <stat>', 'rank by (default: as the shards were ranked)').choices(SORT_KEYS))
    .option('--output <file>', 'write the merged result as JSON')
    .action(async (files: string[], opts: { sort?: 'sharpe'; output?: string }, cmd: Command) => {
      const { runMerge } = await import('../backtest/sweep/run-merge');
      await runMerge(files, opts, cmd);
    });
}

/** The run threads a sweep will start; none when its flags are malformed (the run reports that, exit 2). */
async function sweepThreads(opts: BacktestFlags): Promise<number> {
  try {
    return (await import('../backtest/sweep/sweep-plan')).planSweep(opts).threads;
  } catch {
    return 0;
  }
}
