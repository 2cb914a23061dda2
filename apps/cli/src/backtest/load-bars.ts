import type { Worker } from 'node:worker_threads';
import { capacityOf, chunkOver, type BarChunk } from './columns';
import type { LoadJob, LoadMessage } from './load-worker';

import { threadFor } from './worker-thread';

/** An error from the loading thread, with its exit code (2 = bad input) and stack kept for --debug. */
function revive(m: Extract<LoadMessage, { type: 'error' }>): Error {
  const err = new Error(m.message);
  if (m.stack) err.stack = m.stack;
  return m.exitCode !== undefined ? Object.assign(err, { exitCode: m.exitCode }) : err;
}

/**
 * Starts reading bars on a worker thread at once (the strategy can load meanwhile) and hands them
 * over as chunks of columns in time order.
 */
export class BarLoader {
  private readonly worker: Worker;
  private readonly control: Int32Array;
  private readonly queue: LoadMessage[] = [];
  private wake: (() => void) | undefined;
  private failure: Error | undefined;
  private consumed = 0;
  private markReady!: () => void;
  /** Settles once the thread has loaded its modules (or has ended): start the clock after it, not before. */
  readonly ready: Promise<void>;

  constructor(job: Omit<LoadJob, 'role' | 'control'>, onNotice: (text: string) => void) {
    const control = new SharedArrayBuffer(8);
    this.control = new Int32Array(control);
    const load: LoadJob = { ...job, role: 'load', control };
    this.worker = threadFor(load);
    this.ready = new Promise<void>((resolve) => (this.markReady = resolve));
    this.worker.on('message', (m: LoadMessage) => {
      if (m.type === 'notice') onNotice(m.text);
      else if (m.type === 'ready') this.markReady();
      else this.push(m);
    });
    this.worker.on('error', (err) => {
      this.failure ??= err;
      this.push({ type: 'done' });
    });
    this.worker.on('exit', () => {
      this.markReady();
      this.push({ type: 'done' });
    });
  }

  private push(m: LoadMessage): void {
    this.queue.push(m);
    this.wake?.();
  }

  private async next(): Promise<LoadMessage> {
    while (this.queue.length === 0) await new Promise<void>((resolve) => (this.wake = resolve));
    this.wake = undefined;
    return this.queue.shift()!;
  }

  /** Lets the thread start reading (it has loaded its modules meanwhile). */
  start(): void {
    Atomics.store(this.control, 1, 1);
    Atomics.notify(this.control, 1);
  }

  /** Chunks in time order; the loader's error, if any, is thrown where the data ends. */
  async *chunks(): AsyncGenerator<BarChunk> {
    try {
      for (;;) {
        const m = await this.next();
        if (m.type === 'error') throw revive(m);
        if (m.type !== 'chunk') break;
        yield chunkOver(m.buffer, capacityOf(m.buffer), m.length);
        // Consumed: the loader may read one chunk further.
        Atomics.store(this.control, 0, ++this.consumed);
        Atomics.notify(this.control, 0);
      }
      if (this.failure) throw this.failure;
    } finally {
      await this.close();
    }
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }
}
