import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HEADER_BYTES, open, parseEnvelope, seal } from './envelope';
import { CredentialStoreError } from './store-error';

const key = randomBytes(32);
const payload = Buffer.from('{"version":1,"venues":{"binance":{"apiKey":"canary-key","secret":"canary-secret","storedAt":"x"}}}');

describe('the credentials envelope', () => {
  it('round-trips, with a fresh salt and nonce on every write', () => {
    const a = seal(key, payload);
    const b = seal(key, payload);
    expect(open(key, a).equals(payload)).toBe(true);
    expect(a.subarray(6, 34).equals(b.subarray(6, 34))).toBe(false);
    expect(a.includes(Buffer.from('canary'))).toBe(false);
  });

  it('says "wrong encryption key" for another key', () => {
    expect(() => open(randomBytes(32), seal(key, payload))).toThrow(
      expect.objectContaining({ kind: 'wrong-key', message: expect.stringMatching(/^wrong encryption key/) }),
    );
  });

  it('detects every single flipped byte, header and body alike', () => {
    const sealed = seal(key, payload);
    for (let i = 0; i < sealed.length; i++) {
      const bad = Buffer.from(sealed);
      bad[i] = bad[i]! ^ 0x01;
      let err: unknown;
      try {
        open(key, bad);
      } catch (e) {
        err = e;
      }
      expect(err, `byte ${i}`).toBeInstanceOf(CredentialStoreError);
      // Only a damaged key-check field can look like a wrong key.
      if (i < 34 || i >= HEADER_BYTES) expect((err as CredentialStoreError).kind, `byte ${i}`).not.toBe('wrong-key');
    }
  });

  it('refuses truncated files', () => {
    const sealed = seal(key, payload);
    for (const n of [0, 3, 10, HEADER_BYTES, HEADER_BYTES + 15, sealed.length - 1]) {
      expect(() => open(key, sealed.subarray(0, n))).toThrow(CredentialStoreError);
    }
  });

  it('fuzz: the parser throws only its own error and never returns fields that do not add up', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        try {
          const env = parseEnvelope(bytes);
          expect(env.header.length + env.ciphertext.length + env.tag.length).toBe(bytes.length);
          expect([env.salt.length, env.nonce.length, env.check.length, env.tag.length]).toEqual([16, 12, 16, 16]);
        } catch (e) {
          expect(e).toBeInstanceOf(CredentialStoreError);
        }
      }),
      { numRuns: 2000, seed: 14 },
    );
  });

  it('fuzz: random mutations of a real store never decrypt to anything', () => {
    const sealed = seal(key, payload);
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(sealed.length - 1), fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 8 }),
        fc.option(fc.nat(sealed.length)),
        (flips, cut) => {
          const bad = Buffer.from(sealed);
          for (const [at, x] of flips) bad[at] = bad[at]! ^ x;
          const mutated = cut === null ? bad : bad.subarray(0, cut);
          if (mutated.equals(sealed)) return;
          expect(() => open(key, mutated)).toThrow(CredentialStoreError);
        },
      ),
      { numRuns: 1000, seed: 41 },
    );
  });
});
