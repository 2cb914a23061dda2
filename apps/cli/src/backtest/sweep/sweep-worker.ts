import type { MessagePort } from 'node:worker_threads';
import { loadStrategy, resolveParams } from '@rustybt/engine';
import { capacityOf, chunkOver } from '../columns';
import { startBacktestRun, type RunSpec } from '../new-run';
import { summarize, type BacktestSummary, type SummaryMeta } from '../report';
import { barsOf, runOverBars, runOverChunks } from '../run-chunks';

const MAX_SHARED_BARS = 1_200_000;

/** A sweep thread's job: the shared bars, the run, and the combinations to take turns at. */
export interface SweepJob {
  role: 'sweep';
  strategyFile: string;
  /** The transpiled strategy the main thread just cached: each thread loads it without transpiling again. */
  strategyCache: string;
  chunks: { buffer: SharedArrayBuffer; length: number }[];
  spec: RunSpec;
  meta: Omit<SummaryMeta, 'params'>;
  baseParams: string[];
  combos: string[][];
  /** Int32 [next combination]: threads take the next one with Atomics.add, so a slow one never holds others up. */
  next: SharedArrayBuffer;
}

export type SweepMessage =
  { type: 'result'; k: number; summary: BacktestSummary } | { type: 'failed'; k: number; message: string; exitCode?: number } | { type: 'done' };

const errorFields = (err: unknown) => {
  const e = err as { message?: unknown; exitCode?: unknown };
  return { message: typeof e?.message === 'string' ? e.message : String(err), ...(typeof e?.exitCode === 'number' ? { exitCode: e.exitCode } : {}) };
};

/** Runs combinations until none is left; each result is exactly what a single run with those params reports. */
export async function runSweepJob(job: SweepJob, port: MessagePort): Promise<void> {
  const chunks = job.chunks.map((c) => chunkOver(c.buffer, capacityOf(c.buffer), c.length));
  const next = new Int32Array(job.next);
  const strategy = await loadStrategy(job.strategyFile, { cacheDir: job.strategyCache });
  const total = chunks.reduce((n, c) => n + c.length, 0);
  // Up to MAX_SHARED_BARS (about 100 MB of objects a thread) every combination shares one set of bar objects.
  const bars = total <= MAX_SHARED_BARS ? barsOf(chunks, job.spec.symbols) : undefined;
  for (let k = Atomics.add(next, 0, 1); k < job.combos.length; k = Atomics.add(next, 0, 1)) {
    try {
      const params = resolveParams(strategy.params, [...job.baseParams, ...job.combos[k]!]);
      const run = await startBacktestRun(strategy, job.spec, params);
      const started = performance.now();
      const result = bars ? await runOverBars(run, bars) : await runOverChunks(run, chunks, job.spec.symbols);
      port.postMessage({ type: 'result', k, summary: summarize(result, { ...job.meta, params }, performance.now() - started) } satisfies SweepMessage);
    } catch (err) {
      port.postMessage({ type: 'failed', k, ...errorFields(err) } satisfies SweepMessage);
    }
  }
  port.postMessage({ type: 'done' } satisfies SweepMessage);
}
