import { basename } from 'node:path';
import { Decimal } from '@rustybt/engine';
import type { SourceSpec } from '@rustybt/data-providers';
import type { BacktestFlags } from './backtest-flags';
import { parseDateArg } from '../data/date-args';
import { CliError } from '../errors';

const DAY = 86_400_000;

export interface BacktestPlan {
  symbols: string[];
  from?: number;
  to?: number;
  capital: Decimal;
  seed: number;
}

/** Checks and converts the flags that do not need the strategy or the data. Exit 2 on any problem. */
export function planBacktest(flags: BacktestFlags, spec: SourceSpec): BacktestPlan {
  const capital = /^\d+(\.\d+)?$/.test(flags.capital.trim()) ? new Decimal(flags.capital.trim()) : undefined;
  if (!capital || capital.lte(0)) throw new CliError(`--capital '${flags.capital}' is not a positive amount. Give a number such as 100000`);
  if (!/^-?\d+$/.test(flags.seed.trim()) || !Number.isSafeInteger(Number(flags.seed)))
    throw new CliError(`--seed '${flags.seed}' is not a whole number. Give one such as 42`);
  const from = flags.from !== undefined ? parseDateArg('--from', flags.from) : undefined;
  // A date names a whole day: --to 2024-12-31 includes that day.
  const to = flags.to !== undefined ? parseDateArg('--to', flags.to) + (/^\s*\d{4}-\d{2}-\d{2}\s*$/.test(flags.to) ? DAY : 0) : undefined;
  if (from !== undefined && to !== undefined && from >= to) {
    throw new CliError(`--from ${new Date(from).toISOString()} is not before --to ${new Date(to).toISOString()}. Give a start before the end`);
  }
  return {
    symbols: symbolsFor(flags.symbol, spec),
    ...(from !== undefined ? { from } : {}),
    ...(to !== undefined ? { to } : {}),
    capital,
    seed: Number(flags.seed),
  };
}

function symbolsFor(given: string[] | undefined, spec: SourceSpec): string[] {
  const symbols = (given ?? [])
    .flatMap((s) => s.split(','))
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (symbols.length > 0) {
    const dup = symbols.find((s, i) => symbols.indexOf(s) !== i);
    if (dup) throw new CliError(`--symbol ${dup} is given twice. Name each symbol once`);
    return symbols;
  }
  const inner = spec.kind === 'replay' ? spec.inner : spec;
  if (inner.kind === 'sim') return ['SIM'];
  // A single CSV file names its own instrument.
  if (inner.kind === 'csv' && /\.[A-Za-z]+$/.test(inner.path)) return [basename(inner.path).replace(/\.[^.]*$/, '')];
  throw new CliError(`--symbol is needed with --data ${inner.kind}. Name the instrument, e.g. --symbol SPY`);
}
