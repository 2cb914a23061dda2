import { Worker } from 'node:worker_threads';

/** The worker entry next to this module in the build (dist/backtest-worker.js). */
export const WORKER_URL = new URL('./backtest-worker.js', import.meta.url);

/** What a thread started ahead of its job is told to be; it waits for `{ job }` on its port. */
export interface PendingJob {
  role: 'pending';
}

const early: { worker: Worker; exited: boolean }[] = [];

/**
 * Starts `count` backtest threads before the backtest's own modules load, so that their module
 * loading (about half a second each) runs beside the main thread's work instead of after it: the
 * reading thread, and for a sweep its run threads too. Each waits for its job, and is unref'd until
 * taken: a run that ends early (bad flags) is not held up, and a thread never taken just ends.
 */
export function prestartThreads(count: number): void {
  for (let k = early.length; k < count; k++) {
    const worker = new Worker(WORKER_URL, { workerData: { role: 'pending' } satisfies PendingJob });
    const state = { worker, exited: false };
    worker.unref();
    // Until taken, a failing thread only means the run starts a fresh one.
    worker.on('error', () => undefined);
    worker.on('exit', () => (state.exited = true));
    early.push(state);
  }
}

/** A thread prestartThreads started, if one is still alive; whoever takes it sends it its job. */
export function takePrestarted(): Worker | undefined {
  for (let e = early.shift(); e; e = early.shift()) {
    if (e.exited) continue;
    e.worker.ref();
    return e.worker;
  }
  return undefined;
}

/** A prestarted thread given `job`, or a new thread started with it. */
export function threadFor(job: object): Worker {
  const taken = takePrestarted();
  if (!taken) return new Worker(WORKER_URL, { workerData: job });
  taken.postMessage({ job });
  return taken;
}

/** Ends the prestarted threads nobody took (a sweep with fewer combinations than threads). */
export async function dropPrestarted(): Promise<void> {
  const left = early.splice(0);
  await Promise.all(left.map((e) => e.worker.terminate()));
}
