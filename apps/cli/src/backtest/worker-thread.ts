import { Worker } from 'node:worker_threads';

/** The worker entry next to this module in the build (dist/backtest-worker.js). */
export const WORKER_URL = new URL('./backtest-worker.js', import.meta.url);

/** What a thread started ahead of its job is told to be; it waits for `{ job }` on its port. */
export interface PendingJob {
  role: 'pending';
}

let early: { worker: Worker; exited: boolean } | undefined;

/**
 * Starts the reading thread before the backtest's own modules load, so that the thread's module
 * loading (about half a second) runs beside the main thread's instead of after it. The thread
 * waits for its job, and is unref'd until taken: a run that ends early (bad flags) is not held up.
 */
export function prestartReader(): void {
  if (early) return;
  const worker = new Worker(WORKER_URL, { workerData: { role: 'pending' } satisfies PendingJob });
  const state = { worker, exited: false };
  worker.unref();
  // Until taken, a failing thread only means the run starts a fresh one.
  worker.on('error', () => undefined);
  worker.on('exit', () => (state.exited = true));
  early = state;
}

/** The thread prestartReader started, if it is still alive; whoever takes it sends it its job. */
export function takePrestartedReader(): Worker | undefined {
  const e = early;
  early = undefined;
  if (!e || e.exited) return undefined;
  e.worker.ref();
  return e.worker;
}
