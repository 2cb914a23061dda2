import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeRedactor } from './redact';

describe('makeRedactor', () => {
  it('removes every credential value and signature from any text', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 4, maxLength: 30 }), fc.string({ minLength: 4, maxLength: 30 }), fc.array(fc.string(), { maxLength: 5 }), (key, secret, parts) => {
        const redact = makeRedactor([key, secret, undefined]);
        const text = [...parts, key, secret, `${key}${secret}`, 'signature=0123456789abcdef0123'].join(' | ');
        const out = redact(text);
        expect(out).not.toContain(key);
        expect(out).not.toContain(secret);
        expect(out).not.toContain('0123456789abcdef0123');
      }),
    );
  });
});
