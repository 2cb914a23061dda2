import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backoff, retryPolicySchema } from './retry';

describe('backoff', () => {
  it('doubles up to the cap, with jitter in the upper half, the same for the same seed', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 1, max: 20_000 }), fc.integer(), (base, cap, seed) => {
        const policy = retryPolicySchema.parse({ baseDelayMs: base, maxDelayMs: cap, seed });
        const a = backoff(policy);
        const b = backoff(policy);
        for (let attempt = 1; attempt <= 12; attempt++) {
          const capped = Math.min(cap, base * 2 ** (attempt - 1));
          const d = a(attempt);
          expect(d).toBe(b(attempt));
          expect(d).toBeGreaterThanOrEqual(Math.floor(capped / 2));
          expect(d).toBeLessThanOrEqual(capped);
        }
      }),
    );
  });
});
