import type { Command } from 'commander';
import { EngineRun, loadStrategy, resolveParams, type RunResult } from '@rustybt/engine';
import { PaperBroker } from '@rustybt/brokers';
import { openSource } from '@rustybt/data-providers';
import { writeFileAtomic } from '@rustybt/ops';
import type { BacktestFlags } from '../commands/backtest';
import { globalsOf } from '../globals';
import { loadEffectiveConfig } from '../load-config';
import { brokerConfigFor } from './costs';
import { resolveInterval } from './interval';
import { mergeBatches } from './merge-bars';
import { planBacktest } from './plan';
import { BacktestProgress } from './progress';
import { outputDocument, renderSummary, summarize } from './report';

/**
 * rustybt backtest: everything the user gave is checked (data spec, flags, strategy file,
 * parameters) before the first bar is read, so input errors exit 2 without partial output.
 */
export async function runBacktest(flags: BacktestFlags, cmd: Command): Promise<void> {
  const globals = globalsOf(cmd);
  const loaded = loadEffectiveConfig(cmd);
  const notices: string[] = [];
  const seed = /^-?\d+$/.test(flags.seed.trim()) ? Number(flags.seed) : undefined;
  const source = openSource(flags.data, {
    ...(loaded.config.yahooUrl ? { yahooUrl: loaded.config.yahooUrl } : {}),
    ...(seed !== undefined ? { sim: { seed } } : {}),
    onNotice: (n) => notices.push(n),
  });
  const plan = planBacktest(flags, source.spec);
  const strategy = await loadStrategy(flags.strategy);
  const params = resolveParams(strategy.params, flags.param ?? []);
  const broker = brokerConfigFor(flags, cmd, loaded, plan.seed);
  const { interval, label } = await resolveInterval(flags.interval, source.spec, plan.symbols);

  const run = new EngineRun({
    runId: 'backtest',
    strategy,
    broker: new PaperBroker(broker),
    symbols: plan.symbols,
    capital: plan.capital,
    params,
    seed: plan.seed,
    ...(loaded.config.risk ? { risk: loaded.config.risk } : {}),
  });
  const query = { interval, ...(plan.from !== undefined ? { from: plan.from } : {}), ...(plan.to !== undefined ? { to: plan.to } : {}) };
  const bars = mergeBatches(plan.symbols.map((s) => source.batches(s, query)));
  const progress = new BacktestProgress(plan.from !== undefined && plan.to !== undefined ? { from: plan.from, to: plan.to } : undefined);

  const started = performance.now();
  let result: RunResult;
  try {
    await run.start();
    let count = 0;
    // One await per batch, then a tight synchronous loop: the engine's per-bar path stays hot.
    for await (const batch of bars) {
      for (let i = 0; i < batch.length; i++) run.processBar(batch[i]!);
      count += batch.length;
      progress.update(count, batch[batch.length - 1]!.time);
    }
    result = await run.stop('completed');
  } catch (err) {
    await run.stop('error').catch(() => undefined);
    throw err;
  } finally {
    progress.stop();
  }
  const elapsed = performance.now() - started;

  const summary = summarize(result, { strategy: strategy.name ?? flags.strategy, data: source.name, symbols: plan.symbols, interval: label, seed: plan.seed, broker }, elapsed);
  if (flags.output) writeFileAtomic(flags.output, `${JSON.stringify(outputDocument(summary, result), null, 2)}\n`);
  for (const n of notices) process.stderr.write(`note: ${n}\n`);
  if (globals.json) process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  else process.stdout.write(`${renderSummary(summary)}\n${flags.output ? `${'output'.padEnd(16)}${flags.output}\n` : ''}`);
}
