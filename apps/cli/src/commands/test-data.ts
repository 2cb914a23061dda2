import type { TestDataOptions } from '../data/test-data-options';
import { type Command, InvalidArgumentError, Option } from 'commander';

const INTERVALS = ['1m', '5m', '15m', '30m', '1h', '4h', '1d', '1w'];

function positiveNumber(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('expected a number above 0');
  return n;
}

function positiveInt(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number >= 1');
  return n;
}

function integer(value: string): number {
  const n = Number(value);
  if (!/^-?\d+$/.test(value) || !Number.isSafeInteger(n)) throw new InvalidArgumentError('expected a whole number');
  return n;
}

export function registerTestData(program: Command) {
  program
    .command('test-data')
    .description(
      'fetch bars from a source, run the quality checks, print a sample, counts, timings and PASS/FAIL per check (exit 1 on a failed check or an unreachable source)',
    )
    .requiredOption('--source <spec>', 'csv:<file-or-dir>, sim, yahoo (or yfinance), ccxt:<exchange> or replay:<spec>')
    .option('--symbol <symbol>', 'instrument (BTC/USDT for ccxt; a CSV folder holds <SYMBOL>.csv)', 'SPY')
    .option(
      '--start <date>',
      'first day or instant, YYYY-MM-DD or ISO 8601 (default: a file from its start; else 1 year before --end for 1d/1w, 1000 bars before it otherwise)',
    )
    .option('--end <date>', 'end, exclusive, YYYY-MM-DD or ISO 8601 (default: a file to its end; else today 00:00 UTC)')
    .addOption(new Option('--interval <interval>', 'bar interval').choices(INTERVALS).default('1d'))
    .addOption(
      new Option('--calendar <calendar>', 'sessions the gap check expects (auto: 24/7 for crypto and sim, NYSE for US symbols)')
        .choices(['auto', 'nyse', '24/7', 'none'])
        .default('auto'),
    )
    .option('--sigma <n>', 'outlier threshold in robust sigmas of close-to-close returns', positiveNumber, 8)
    .option('--zero-volume-run <n>', 'this many zero-volume bars in a row fail the check', positiveInt, 5)
    .option('--sample <n>', 'offending rows shown per failed check', positiveInt, 5)
    .addOption(new Option('--close <column>', 'csv and yahoo: raw close, or adjusted (Adj Close; open/high/low scaled alike)').choices(['raw', 'adjusted']))
    .option('--delimiter <char>', "csv: field separator (default: detected; use '\\t' for tabs)")
    .option('--timezone <zone>', 'csv: IANA zone of timestamps written without an offset (default UTC)')
    .option('--api-url <url>', 'ccxt: base URL replacing the venue API hosts (proxy, testnet, emulator)')
    .option('--seed <n>', 'sim: random seed (same seed, same bars)', integer)
    .option('--no-cache', 'download again instead of reading RUSTYBT_HOME/data, and store nothing')
    .option('--output <file>', 'also write the report as JSON to this file')
    .action(async (opts: TestDataOptions, cmd: Command) => {
      const { runTestData } = await import('../data/run-test-data');
      await runTestData(opts, cmd);
    });
}
