import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { signatureHeader, verifySignature } from './signature';

const NOW = Date.UTC(2026, 2, 1, 12, 0, 0);
const T = NOW / 1000;

describe('webhook signatures', () => {
  it('verifies its own signature and drops stale, future, tampered and foreign ones', () => {
    const body = '{"id":"a1"}';
    const header = signatureHeader('s3cret', body, T);
    expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(verifySignature({ body, header, secret: 's3cret', now: NOW })).toEqual({ ok: true, timestamp: T });
    expect(verifySignature({ body, header, secret: 's3cret', now: NOW + 300_000 }).ok).toBe(true);
    expect(verifySignature({ body, header, secret: 's3cret', now: NOW + 301_000 })).toEqual({ ok: false, reason: 'stale' });
    expect(verifySignature({ body, header, secret: 's3cret', now: NOW - 301_000 })).toEqual({ ok: false, reason: 'future' });
    expect(verifySignature({ body: `${body} `, header, secret: 's3cret', now: NOW })).toEqual({ ok: false, reason: 'mismatch' });
    expect(verifySignature({ body, header, secret: 'other', now: NOW })).toEqual({ ok: false, reason: 'mismatch' });
    expect(verifySignature({ body: Buffer.from(body), header, secret: 's3cret', now: NOW }).ok).toBe(true);
  });

  it('accepts any matching v1 (secret rotation) and ignores other schemes', () => {
    const body = 'x';
    const good = signatureHeader('new', body, T).split(',v1=')[1];
    const old = signatureHeader('old', body, T).split(',v1=')[1];
    expect(verifySignature({ body, header: `t=${T},v0=zz,v1=${old},v1=${good}`, secret: 'new', now: NOW }).ok).toBe(true);
  });

  it.each([
    undefined,
    null,
    '',
    't=1',
    'v1=ab',
    `t=${T},v1=xyz`,
    `t=abc,v1=${'a'.repeat(64)}`,
    `t=${T},t=${T},v1=${'a'.repeat(64)}`,
    'garbage',
    `t=${T};v1=${'a'.repeat(64)}`,
  ])('malformed header %j', (header) => {
    expect(verifySignature({ body: 'x', header, secret: 's', now: NOW })).toEqual({ ok: false, reason: 'malformed' });
  });

  it('a fresh signature of any body verifies; any change to the body, the secret or t does not (fuzz)', () => {
    fc.assert(
      fc.property(fc.string(), fc.string({ minLength: 1 }), fc.integer({ min: -300, max: 300 }), fc.string({ minLength: 1 }), (body, secret, skew, junk) => {
        const header = signatureHeader(secret, body, T + skew);
        expect(verifySignature({ body, header, secret, now: NOW }).ok).toBe(true);
        expect(verifySignature({ body: body + junk, header, secret, now: NOW }).ok).toBe(false);
        expect(verifySignature({ body, header, secret: secret + junk, now: NOW }).ok).toBe(false);
        expect(verifySignature({ body, header: header.replace(/^t=\d+/, `t=${T + skew + 1}`), secret, now: NOW }).ok).toBe(false);
      }),
      { numRuns: 300, seed: 15 },
    );
  });

  it('never throws and never accepts an arbitrary header (fuzz)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.stringMatching(/^t=\d{1,12},v1=[0-9a-f]{64}$/), fc.constant(undefined)), fc.string(), (header, body) => {
        expect(verifySignature({ body, header, secret: 'fixed-secret', now: NOW }).ok).toBe(false);
      }),
      { numRuns: 1000, seed: 15 },
    );
  });
});
