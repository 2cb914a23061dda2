import { seededRandom } from '@rustybt/engine';
import { z } from 'zod';

export const retryPolicySchema = z.object({
  /** Attempts in all, the first included. */
  maxAttempts: z.number().int().min(1).max(20).default(5),
  baseDelayMs: z.number().int().min(0).default(250),
  maxDelayMs: z.number().int().min(0).default(8000),
  /** Jitter seed: delays are random but reproducible. */
  seed: z.number().int().default(1),
});
export type RetryPolicy = z.output<typeof retryPolicySchema>;
export type RetryPolicyInput = z.input<typeof retryPolicySchema>;

/** Exponential backoff with "equal jitter": half the capped delay fixed, half seeded-random. */
export function backoff(policy: RetryPolicy): (attempt: number) => number {
  const random = seededRandom(policy.seed);
  return (attempt: number) => {
    const capped = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
    return Math.round(capped / 2 + (capped / 2) * random());
  };
}
