import type { BrokerEvent } from '@rustybt/engine';
import type { Exchange } from './ccxt-types';
import { abortableSleep, withDeadline } from './deadline';
import { classifyError, type ClassifiedError } from './error-taxonomy';
import { backoff, type RetryPolicy } from './retry';

/** A failure that ended an operation, already classified and redacted. */
export class BrokerOperationError extends Error {
  constructor(
    readonly operation: string,
    readonly errorType: string,
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = 'BrokerOperationError';
  }
}

export interface VenueCallOptions<T> {
  /** false: an InvalidNonce does not re-measure the clock first (the clock measurement itself). */
  resync?: boolean;
  /** Requests one attempt makes (default 1). */
  requests?: number;
  /** Sees every failure, retried or final. */
  onFailure?: (c: ClassifiedError) => void;
  /** May turn a final error into a result. */
  onFinal?: (c: ClassifiedError) => Promise<T | undefined>;
}

export interface VenueCallerDeps {
  retry: RetryPolicy;
  timeoutMs: number;
  /** The broker's close(): ends every attempt and every backoff. */
  closing: AbortSignal;
  exchange: () => Exchange;
  redact: (text: string) => string;
  emit: (event: BrokerEvent) => void;
  /** Re-measures the venue clock (before retrying an InvalidNonce). */
  syncClock: () => Promise<unknown>;
}

/** The broker's one way to the venue: every request it makes goes through call(). */
export class VenueCaller {
  private readonly delay: (attempt: number) => number;

  constructor(private readonly deps: VenueCallerDeps) {
    this.delay = backoff(deps.retry);
  }

  /**
   * Runs one venue operation under the retry taxonomy: retryable errors are retried with backoff
   * and jitter up to the cap (each retry an event; InvalidNonce first re-measures the clock);
   * a final error, or the cap, is a `broker_error` event and a BrokerOperationError.
   * `onFinal` may turn a final error into a result (a duplicate submit adopts the existing order).
   * Every request has one hard deadline, `timeoutMs`, that covers connect, headers and body
   * (bufferedFetch). Each attempt is also raced against `timeoutMs` per request it makes
   * (`requests`, default 1) plus one more for parsing, and close() ends every attempt at once:
   * whatever ccxt waits on, an operation ends within attempts x that + the backoffs between them.
   */
  async call<T>(operation: string, fn: (ex: Exchange, attempt: number) => Promise<T>, opts: VenueCallOptions<T> = {}): Promise<T> {
    const { retry, timeoutMs, closing, redact, emit } = this.deps;
    const max = retry.maxAttempts;
    const deadlineMs = timeoutMs * ((opts.requests ?? 1) + 1);
    for (let attempt = 1; ; attempt++) {
      try {
        const ex = this.deps.exchange();
        return await withDeadline(deadlineMs, closing, () => fn(ex, attempt));
      } catch (e) {
        const c = classifyError(e);
        opts.onFailure?.(c);
        const message = redact(c.message);
        if (c.retryable && attempt < max && !closing.aborted) {
          const delayMs = this.delay(attempt);
          emit({ type: 'broker_retry', operation, attempt, delayMs, errorType: c.errorType, message });
          await abortableSleep(delayMs, closing);
          if (c.resyncClock && opts.resync !== false) await this.deps.syncClock().catch(() => undefined);
          continue;
        }
        if (!c.retryable && opts.onFinal) {
          const onFinal = opts.onFinal;
          const rescued = await withDeadline(deadlineMs, closing, () => onFinal(c)).catch(() => undefined);
          if (rescued !== undefined) return rescued;
        }
        const final = c.retryable ? `${message} (gave up after ${attempt} attempts)` : message;
        if (operation !== 'submit' && !closing.aborted) emit({ type: 'broker_error', operation, errorType: c.errorType, message: final });
        throw new BrokerOperationError(operation, c.errorType, final, c.retryable);
      }
    }
  }
}
