/** Longest wait a far end may ask for: a bogus Retry-After must not park an alert for a day. */
export const MAX_RETRY_AFTER_MS = 3_600_000;

export interface RetryPolicy {
  maxAttempts: number;
  initialDelay: number;
  maxDelay: number;
}

/**
 * Wait before the next attempt after `attempts` failures: what the far end asked for (429), else
 * initialDelay x 2^(attempts-1) capped at maxDelay, with +-20% seeded jitter so that many senders
 * (or many alerts) do not retry in step.
 */
export function retryDelayMs(policy: RetryPolicy, attempts: number, random: () => number, askedMs?: number): number {
  if (askedMs !== undefined) return Math.min(Math.max(askedMs, 0), MAX_RETRY_AFTER_MS);
  const base = Math.min(policy.maxDelay, policy.initialDelay * 2 ** Math.min(attempts - 1, 30));
  return Math.round(base * (0.8 + 0.4 * random()));
}
