import type { Command } from 'commander';
import type { PaperBrokerConfig } from '@rustybt/brokers';
import type { BarQuery, StrategyParams } from '@rustybt/engine';
import { join } from 'node:path';
import { openSource, type OpenSourceOptions } from '@rustybt/data-providers';
import { resolveHome } from '@rustybt/ops';
import type { BacktestFlags } from './backtest-flags';
import { loadEffectiveConfig } from '../load-config';
import { brokerConfigFor } from './costs';
import { resolveInterval } from './interval';
import type { RunSpec } from './new-run';
import { planBacktest, type BacktestPlan } from './plan';
import type { SummaryMeta } from './report';

export interface BacktestSetup {
  plan: BacktestPlan;
  broker: PaperBrokerConfig;
  sourceName: string;
  sourceOptions: Pick<OpenSourceOptions, 'yahooUrl' | 'sim'>;
  query: BarQuery;
  intervalLabel: string;
  runSpec: RunSpec;
  range?: { from: number; to: number };
  notices: string[];
  /** Where transpiled strategies are kept between runs (RUSTYBT_HOME/cache/strategies). */
  strategyCache: string;
}

/** Everything about a backtest that needs neither the strategy nor the bars, checked up front (exit 2). */
export async function setUpBacktest(flags: BacktestFlags, cmd: Command): Promise<BacktestSetup> {
  const loaded = loadEffectiveConfig(cmd);
  const notices: string[] = [];
  const seed = /^-?\d+$/.test(flags.seed.trim()) ? Number(flags.seed) : undefined;
  const sourceOptions = { ...(loaded.config.yahooUrl ? { yahooUrl: loaded.config.yahooUrl } : {}), ...(seed !== undefined ? { sim: { seed } } : {}) };
  const source = openSource(flags.data, { ...sourceOptions, onNotice: (n) => notices.push(n) });
  const plan = planBacktest(flags, source.spec);
  const broker = brokerConfigFor(flags, cmd, loaded, plan.seed);
  const { interval, label } = await resolveInterval(flags.interval, source.spec, plan.symbols);
  const query: BarQuery = { interval, ...(plan.from !== undefined ? { from: plan.from } : {}), ...(plan.to !== undefined ? { to: plan.to } : {}) };
  return {
    plan,
    broker,
    sourceName: source.name,
    sourceOptions,
    query,
    intervalLabel: label,
    runSpec: { broker, symbols: plan.symbols, capital: plan.capital.toString(), seed: plan.seed, ...(loaded.config.risk ? { risk: loaded.config.risk } : {}) },
    ...(plan.from !== undefined && plan.to !== undefined ? { range: { from: plan.from, to: plan.to } } : {}),
    notices,
    strategyCache: join(resolveHome().cache, 'strategies'),
  };
}

export function summaryMeta(setup: BacktestSetup, strategy: string, params: StrategyParams): SummaryMeta {
  return { strategy, data: setup.sourceName, symbols: setup.plan.symbols, interval: setup.intervalLabel, seed: setup.plan.seed, params, broker: setup.broker };
}
