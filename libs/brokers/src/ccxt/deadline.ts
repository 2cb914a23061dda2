import { AsyncLocalStorage } from 'node:async_hooks';

/** The signal of the venue call running in this async context; the fetch implementation aborts its requests with it. */
const callSignal = new AsyncLocalStorage<AbortSignal>();

export const currentCallSignal = (): AbortSignal | undefined => callSignal.getStore();

/** A venue call ran past its hard deadline (connect, headers and body together). Classified as RequestTimeout. */
export class DeadlineExceeded extends Error {
  constructor(readonly deadlineMs: number) {
    super(`no complete answer within ${deadlineMs} ms`);
    this.name = 'DeadlineExceeded';
  }
}

/** The broker was closed while the call ran; its requests were aborted. */
export class BrokerClosed extends Error {
  constructor() {
    super('the broker was closed');
    this.name = 'BrokerClosed';
  }
}

/**
 * Runs `fn` under a hard deadline. At the deadline, or when `closed` aborts, every request `fn`
 * started is aborted (through the call's signal) and the promise rejects at once, whatever `fn`
 * is still waiting on: the caller never depends on ccxt or the socket giving up by themselves.
 */
export function withDeadline<T>(deadlineMs: number, closed: AbortSignal, fn: () => Promise<T>): Promise<T> {
  if (closed.aborted) return Promise.reject(new BrokerClosed());
  const controller = new AbortController();
  return new Promise<T>((resolve, reject) => {
    const onClose = () => stop(new BrokerClosed());
    const cleanup = () => {
      clearTimeout(timer);
      closed.removeEventListener('abort', onClose);
    };
    const stop = (err: Error) => {
      cleanup();
      controller.abort(err);
      reject(err);
    };
    const timer = setTimeout(() => stop(new DeadlineExceeded(deadlineMs)), deadlineMs);
    closed.addEventListener('abort', onClose, { once: true });
    callSignal.run(controller.signal, fn).then(
      (value) => {
        cleanup();
        resolve(value);
      },
      (err: unknown) => {
        cleanup();
        reject(err);
      },
    );
  });
}

/** Resolves after `ms`, or at once when `signal` aborts (a closing broker does not sit out a backoff). */
export function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}
