import type { Command } from 'commander';
import { loadStrategy, resolveParams, type RunResult } from '@rustybt/engine';
import type { BacktestFlags } from './backtest-flags';
import { CliError } from '../errors';
import { globalsOf } from '../globals';
import { BarLoader } from './load-bars';
import { BacktestProgress } from './progress';
import { renderSummary, summarize, writeOutputDocument } from './report';
import { runOverChunks } from './run-chunks';
import { startBacktestRun } from './new-run';
import { setUpBacktest, summaryMeta, type BacktestSetup } from './setup';

/**
 * rustybt backtest: everything the user gave is checked (data spec, flags, strategy file,
 * parameters) before the first bar is read, so input errors exit 2 without partial output.
 */
export async function runBacktest(flags: BacktestFlags, cmd: Command): Promise<void> {
  if (flags.sweep !== undefined) {
    const { runSweep } = await import('./sweep/run-sweep');
    return runSweep(flags, cmd);
  }
  const sweepOnly = (['jobs', 'sort', 'shard'] as const).find((k) => flags[k] !== undefined);
  if (sweepOnly) throw new CliError(`--${sweepOnly} goes with --sweep. Add --sweep key=values or drop --${sweepOnly}`);
  const globals = globalsOf(cmd);
  const setup = await setUpBacktest(flags, cmd);
  // The reading thread loads its modules while the strategy loads.
  const loader = new BarLoader({ spec: flags.data, options: setup.sourceOptions, symbols: setup.plan.symbols, query: setup.query, keepAll: false }, (n) =>
    setup.notices.push(n),
  );
  const progress = new BacktestProgress(setup.range);
  let result: RunResult;
  let elapsed: number;
  try {
    const { run, meta } = await startRun(setup, flags);
    // The clock counts reading and running bars, not the reading thread's start-up.
    await loader.ready;
    const started = performance.now();
    loader.start();
    result = await runOverChunks(run, loader.chunks(), setup.plan.symbols, progress);
    elapsed = performance.now() - started;
    const summary = summarize(result, meta, elapsed);
    if (flags.output) writeOutputDocument(flags.output, summary, result);
    for (const n of setup.notices) process.stderr.write(`note: ${n}\n`);
    if (globals.json) process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
    else process.stdout.write(`${renderSummary(summary)}\n${flags.output ? `${'output'.padEnd(16)}${flags.output}\n` : ''}`);
  } finally {
    progress.stop();
    await loader.close();
  }
}

async function startRun(setup: BacktestSetup, flags: BacktestFlags) {
  const strategy = await loadStrategy(flags.strategy, { cacheDir: setup.strategyCache });
  const params = resolveParams(strategy.params, flags.param ?? []);
  const run = await startBacktestRun(strategy, setup.runSpec, params);
  return { run, meta: summaryMeta(setup, strategy.name ?? flags.strategy, params) };
}
