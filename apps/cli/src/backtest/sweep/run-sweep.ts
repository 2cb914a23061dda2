import type { Command } from 'commander';
import { loadStrategy, resolveParams } from '@rustybt/engine';
import { writeFileAtomic } from '@rustybt/ops';
import type { BacktestFlags } from '../backtest-flags';
import { CliError } from '../../errors';
import { globalsOf } from '../../globals';
import { BarLoader } from '../load-bars';
import { dropPrestarted, threadFor } from '../worker-thread';
import type { BarChunk } from '../columns';
import { setUpBacktest, summaryMeta, type BacktestSetup } from '../setup';
import { planSweep } from './sweep-plan';
import { rank, type SortKey, type SweepDoc, type SweepRun } from './sweep-doc';
import { SweepProgress } from './sweep-progress';
import { renderSweepTable } from './sweep-table';
import type { SweepJob, SweepMessage } from './sweep-worker';

/**
 * rustybt backtest --sweep: every combination of the swept parameters on worker threads. The bars
 * are read once into shared memory; each thread runs whole backtests over them, taking the next
 * combination when it finishes one.
 */
export async function runSweep(flags: BacktestFlags, cmd: Command): Promise<void> {
  const globals = globalsOf(cmd);
  const { axes, shard, all, mine, threads } = planSweep(flags);
  const setup = await setUpBacktest(flags, cmd);
  // Unknown keys and badly typed values are input errors before any work starts.
  const strategy = await loadStrategy(flags.strategy, { cacheDir: setup.strategyCache });
  for (const { item } of mine) resolveParams(strategy.params, [...(flags.param ?? []), ...item]);
  const chunks = await readAll(flags, setup);
  const meta = summaryMeta(setup, strategy.name ?? flags.strategy, {});
  const shared = { strategy: meta.strategy, data: meta.data, symbols: meta.symbols, interval: meta.interval, seed: meta.seed, broker: meta.broker };
  const results = await runOnThreads(
    {
      strategyFile: flags.strategy,
      strategyCache: setup.strategyCache,
      spec: setup.runSpec,
      meta: shared,
      baseParams: flags.param ?? [],
      combos: mine.map((m) => m.item),
    },
    chunks,
    threads,
  );
  const runs: SweepRun[] = mine.map(({ position, item }, k) => ({ combination: position, params: item, ...results[k]! }));
  if (runs.every((r) => r.error !== undefined)) throw new CliError(`every combination failed; the first: ${runs[0]!.error}`);
  const sort = (flags.sort ?? 'sharpe') as SortKey;
  const doc: SweepDoc = {
    sweep: {
      strategy: meta.strategy,
      data: meta.data,
      symbols: meta.symbols,
      interval: meta.interval,
      axes,
      combinations: all.length,
      shard,
      shards: [shard.index],
      sort,
    },
    runs: rank(runs, sort),
  };
  for (const n of setup.notices) process.stderr.write(`note: ${n}\n`);
  if (flags.output) writeFileAtomic(flags.output, `${JSON.stringify(doc, null, 2)}\n`);
  if (globals.json) process.stdout.write(`${JSON.stringify(doc, null, 2)}\n`);
  else process.stdout.write(`${renderSweepTable(doc)}\n${flags.output ? `output ${flags.output}\n` : ''}`);
}

async function readAll(flags: BacktestFlags, setup: BacktestSetup): Promise<BarChunk[]> {
  const loader = new BarLoader({ spec: flags.data, options: setup.sourceOptions, symbols: setup.plan.symbols, query: setup.query, keepAll: true }, (n) =>
    setup.notices.push(n),
  );
  loader.start();
  const chunks: BarChunk[] = [];
  for await (const c of loader.chunks()) chunks.push(c);
  return chunks;
}

type Outcome = Pick<SweepRun, 'summary' | 'error'>;

function runOnThreads(job: Omit<SweepJob, 'role' | 'chunks' | 'next'>, chunks: BarChunk[], threads: number): Promise<Outcome[]> {
  const next = new SharedArrayBuffer(4);
  const data: SweepJob = { ...job, role: 'sweep', chunks: chunks.map((c) => ({ buffer: c.buffer as SharedArrayBuffer, length: c.length })), next };
  const out: Outcome[] = new Array<Outcome>(job.combos.length);
  const progress = new SweepProgress(job.combos.length, threads);
  const workers = Array.from({ length: threads }, () => threadFor(data));
  void dropPrestarted();
  const finished = workers.map(
    (w) =>
      new Promise<void>((resolve, reject) => {
        w.on('message', (m: SweepMessage) => {
          if (m.type === 'done') return resolve();
          out[m.k] = m.type === 'result' ? { summary: m.summary } : { error: m.message };
          progress.tick();
        });
        w.on('error', reject);
        w.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`a sweep thread stopped with exit code ${code}`))));
      }),
  );
  return Promise.all(finished)
    .then(() => out)
    .finally(async () => {
      progress.stop();
      await Promise.all(workers.map((w) => w.terminate()));
    });
}
