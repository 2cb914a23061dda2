import { type Command, Option } from 'commander';

const collect = (value: string, previous: string[] = []) => [...previous, value];

export interface BacktestFlags {
  strategy: string;
  data: string;
  symbol?: string[];
  from?: string;
  to?: string;
  interval: string;
  capital: string;
  param?: string[];
  fillAt: 'next-open' | 'close';
  seed: string;
  output?: string;
}

export function registerBacktest(program: Command) {
  program
    .command('backtest')
    .description('run a strategy over historical bars with the paper broker and print period, bars, trades, return, CAGR, Sharpe, drawdown, exposure and bars/s')
    .requiredOption('--strategy <file>', 'strategy file (.ts or .js) exporting a strategy (see defineStrategy)')
    .requiredOption('--data <spec>', 'bars: csv:<file-or-dir>, sim, yahoo, ccxt:<exchange>')
    .option('--symbol <symbol>', 'instrument; repeat for several (default: the CSV file name, SIM for sim)', collect)
    .option('--from <date>', 'first bar time, YYYY-MM-DD or ISO 8601 (default: the start of the data)')
    .option('--to <date>', 'last day (YYYY-MM-DD, inclusive) or instant (ISO 8601, exclusive) (default: the end of the data)')
    .addOption(new Option('--interval <interval>', 'bar interval of the data').choices(['1m', '5m', '15m', '30m', '1h', '4h', '1d', '1w']).default('1d'))
    .option('--capital <amount>', 'starting cash', '100000')
    .option('--param <key=value>', 'strategy parameter, typed by the strategy\'s default (repeatable)', collect)
    .addOption(new Option('--fill-at <model>', 'fill model: next-open (orders fill at the next bar\'s open) or close (at the bar\'s close)').choices(['next-open', 'close']).default('next-open'))
    .option('--seed <n>', 'seed of everything random (sim data, latency, ctx.random)', '42')
    .option('--output <file>', 'write stats, trades, fills and the equity curve as JSON')
    .action(async (opts: BacktestFlags, cmd: Command) => {
      const { runBacktest } = await import('../backtest/run-backtest');
      await runBacktest(opts, cmd);
    });
}
