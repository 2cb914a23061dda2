import type { Alert } from '../alert';
import type { ChannelType } from '../config/schema';

/** What the far end said on success: the SMTP reply (`250 2.0.0 OK ...`) or `HTTP 200`. */
export interface DeliveryReceipt {
  detail: string;
}

/** One way out. `send` settles within the channel's timeout, body included, and never leaks a secret. */
export interface Channel {
  readonly name: string;
  readonly type: ChannelType;
  readonly timeoutMs: number;
  send(alert: Alert): Promise<DeliveryReceipt>;
}

/**
 * A failed delivery. `retryable` false means trying again cannot help (a 400, a 5xx SMTP reply,
 * bad credentials): the sender dead-letters it at once. The message is already redacted.
 */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    /** Asked by the far end (HTTP 429 Retry-After, Telegram retry_after), ms. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'DeliveryError';
  }
}

/**
 * Runs `work` under a hard deadline: the signal aborts it and the promise rejects when the time is
 * up, whatever `work` is waiting on (a server that sent headers and stalls mid-body included).
 */
export function withDeadline<T>(ms: number, work: (signal: AbortSignal) => Promise<T>, onTimeout?: () => void): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      onTimeout?.();
      reject(new DeliveryError(`timed out after ${ms} ms`, true));
    }, ms);
    timer.unref();
  });
  const running = work(controller.signal);
  // The loser of the race must not surface as an unhandled rejection.
  running.catch(() => undefined);
  return Promise.race([running, deadline]).finally(() => clearTimeout(timer));
}
