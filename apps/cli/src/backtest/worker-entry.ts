import { parentPort, workerData } from 'node:worker_threads';
import { runLoadJob, type LoadJob } from './load-worker';
import { runSweepJob, type SweepJob } from './sweep/sweep-worker';
import type { PendingJob } from './worker-thread';

/** The backtest's worker thread (its own build entry): reads bars, or runs sweep combinations. */
function dispatch(job: LoadJob | SweepJob | undefined): void {
  if (parentPort && job?.role === 'load') void runLoadJob(job, parentPort);
  if (parentPort && job?.role === 'sweep') void runSweepJob(job, parentPort);
}

// A thread started ahead of its job (see prestartThreads) has its modules loaded by the time the job comes.
const given = workerData as LoadJob | SweepJob | PendingJob | undefined;
if (given?.role === 'pending') parentPort?.once('message', (m: { job: LoadJob | SweepJob }) => dispatch(m.job));
else dispatch(given);
