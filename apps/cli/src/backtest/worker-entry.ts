import { parentPort, workerData } from 'node:worker_threads';
import { runLoadJob, type LoadJob } from './load-worker';
import { runSweepJob, type SweepJob } from './sweep/sweep-worker';

/** The backtest's worker thread (its own build entry): reads bars, or runs sweep combinations. */
const job = workerData as LoadJob | SweepJob | undefined;
if (parentPort && job?.role === 'load') void runLoadJob(job, parentPort);
if (parentPort && job?.role === 'sweep') void runSweepJob(job, parentPort);
