import type { MessagePort } from 'node:worker_threads';
import type { BarQuery } from '@rustybt/engine';
import { openSource, type OpenSourceOptions } from '@rustybt/data-providers';
import type { BarChunk } from './columns';
import { ChunkWriter } from './chunk-writer';
import { mergeBatches } from './merge-bars';

/** What the loading thread is told: everything serialisable, the source is opened again there. */
export interface LoadJob {
  role: 'load';
  spec: string;
  options: Pick<OpenSourceOptions, 'yahooUrl' | 'sim'>;
  symbols: string[];
  query: BarQuery;
  /** Keep every chunk (a sweep shares them all); otherwise stay at most MAX_AHEAD chunks ahead of the reader. */
  keepAll: boolean;
  /** Int32 [chunks consumed, go]: the reader counts chunks up and sets go when its clock starts. */
  control: SharedArrayBuffer;
}

export type LoadMessage =
  | { type: 'ready' }
  | { type: 'chunk'; buffer: SharedArrayBuffer; length: number }
  | { type: 'notice'; text: string }
  | { type: 'done' }
  | { type: 'error'; message: string; exitCode?: number; stack?: string };

/** Chunks in flight ahead of the engine when streaming: memory stays flat over any length of data. */
export const MAX_AHEAD = 4;
/** Rows of the first chunk (see ChunkWriter). */
const FIRST_ROWS = 4096;

/**
 * Reads the bars on a thread of their own: parsing, ordering checks and merging run beside the
 * engine instead of before it, and what crosses over is columns in shared memory, not objects.
 */
export async function runLoadJob(job: LoadJob, port: MessagePort): Promise<void> {
  const control = new Int32Array(job.control);
  let produced = 0;
  const post = (chunk: BarChunk) => {
    port.postMessage({ type: 'chunk', buffer: chunk.buffer as SharedArrayBuffer, length: chunk.length } satisfies LoadMessage);
    produced++;
    if (job.keepAll) return;
    for (let seen = Atomics.load(control, 0); produced - seen >= MAX_AHEAD; seen = Atomics.load(control, 0)) Atomics.wait(control, 0, seen, 1000);
  };
  try {
    // Its modules are loaded (they load while the strategy does): the run's clock may start.
    port.postMessage({ type: 'ready' } satisfies LoadMessage);
    // Reading starts with the run's clock.
    while (Atomics.load(control, 1) === 0) Atomics.wait(control, 1, 0, 1000);
    const source = openSource(job.spec, { ...job.options, onNotice: (text) => port.postMessage({ type: 'notice', text } satisfies LoadMessage) });
    const out = new ChunkWriter(post, FIRST_ROWS);
    const columns = job.symbols.length === 1 ? source.columns?.(job.symbols[0]!, job.query) : undefined;
    if (columns) {
      // One symbol from a source that reads columns: no object per bar on this side either.
      for await (const c of columns) out.pushColumns(c);
    } else {
      const index = new Map(job.symbols.map((s, i) => [s, i]));
      for await (const batch of mergeBatches(job.symbols.map((s) => source.batches(s, job.query)))) {
        for (let i = 0; i < batch.length; i++) {
          const bar = batch[i]!;
          out.pushBar(bar, job.symbols.length === 1 ? 0 : index.get(bar.symbol)!);
        }
      }
    }
    out.finish();
    port.postMessage({ type: 'done' } satisfies LoadMessage);
  } catch (err) {
    const e = err as { message?: unknown; exitCode?: unknown; stack?: unknown };
    port.postMessage({
      type: 'error',
      message: typeof e?.message === 'string' ? e.message : String(err),
      ...(typeof e?.exitCode === 'number' ? { exitCode: e.exitCode } : {}),
      ...(typeof e?.stack === 'string' ? { stack: e.stack } : {}),
    } satisfies LoadMessage);
  }
}
