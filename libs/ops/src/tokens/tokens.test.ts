import { createHmac, randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { issueToken, TokenError, verifyToken } from './tokens';

const key = randomBytes(32);
const now = Date.UTC(2025, 0, 1);
const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
const sign = (header: unknown, payload: unknown, k: Uint8Array = key) => {
  const body = `${b64(header)}.${b64(payload)}`;
  return `${body}.${createHmac('sha256', k).update(body).digest('base64url')}`;
};
const claims = (over: Record<string, unknown> = {}) => ({
  iss: 'rustybt',
  aud: 'rustybt-api',
  sub: 'ops',
  scope: 'read',
  iat: now / 1000,
  exp: now / 1000 + 3600,
  jti: 'abcdefghijklmnopqrstuv',
  ...over,
});
const reason = async (p: Promise<unknown>) => {
  try {
    await p;
    return 'accepted';
  } catch (e) {
    expect(e).toBeInstanceOf(TokenError);
    return (e as TokenError).reason;
  }
};

describe('API tokens', () => {
  it('carry iss, aud, sub, scope, iat, exp and jti, and verify', async () => {
    const { token, claims: c } = await issueToken({ key, scope: 'trade', subject: 'alice', ttlMs: 12 * 3600_000, now });
    expect(token.split('.')).toHaveLength(3);
    expect(c).toMatchObject({ iss: 'rustybt', aud: 'rustybt-api', sub: 'alice', scope: 'trade', iat: now / 1000, exp: now / 1000 + 43200 });
    expect(await verifyToken(token, { key, requiredScope: 'read', now })).toEqual(c);
    expect(await verifyToken(token, { key, requiredScope: 'trade', now })).toEqual(c);
  });

  it('refuse expired, revoked, wrongly signed, alg none, foreign audience or issuer, and too little scope', async () => {
    const { token, claims: c } = await issueToken({ key, scope: 'read', subject: 'bob', ttlMs: 60_000, now });
    expect(await reason(verifyToken(token, { key, requiredScope: 'read', now: now + 61_000 }))).toBe('expired');
    expect(await reason(verifyToken(token, { key, requiredScope: 'read', now, isRevoked: (j) => j === c.jti }))).toBe('revoked');
    expect(await reason(verifyToken(token, { key: randomBytes(32), requiredScope: 'read', now }))).toBe('bad-signature');
    expect(await reason(verifyToken(`${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims())}.`, { key, requiredScope: 'read', now }))).toBe('bad-algorithm');
    expect(await reason(verifyToken(sign({ alg: 'HS512' }, claims()), { key, requiredScope: 'read', now }))).toBe('bad-algorithm');
    expect(await reason(verifyToken(sign({ alg: 'HS256' }, claims({ aud: 'other' })), { key, requiredScope: 'read', now }))).toBe('wrong-audience');
    expect(await reason(verifyToken(sign({ alg: 'HS256' }, claims({ iss: 'freqtrade' })), { key, requiredScope: 'read', now }))).toBe('wrong-issuer');
    expect(await reason(verifyToken(sign({ alg: 'HS256' }, claims({ scope: 'root' })), { key, requiredScope: 'read', now }))).toBe('malformed');
    expect(await reason(verifyToken(sign({ alg: 'HS256' }, claims({ jti: undefined })), { key, requiredScope: 'read', now }))).toBe('malformed');
    const denied = await verifyToken(token, { key, requiredScope: 'trade', now }).catch((e: TokenError) => e);
    expect(denied).toMatchObject({ reason: 'insufficient-scope', status: 403 });
    expect(await reason(verifyToken(sign({ alg: 'HS256' }, claims()), { key, requiredScope: 'read', now }))).toBe('accepted');
  });

  it('fuzz: random strings are refused with a TokenError, never accepted, never another error', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.string({ maxLength: 300 }), fc.stringMatching(/^[A-Za-z0-9_-]{0,60}\.[A-Za-z0-9_-]{0,80}\.[A-Za-z0-9_-]{0,50}$/)),
        async (s) => {
          expect(await reason(verifyToken(s, { key, requiredScope: 'read', now }))).not.toBe('accepted');
        },
      ),
      { numRuns: 500, seed: 14 },
    );
  });

  it('fuzz: any change to a valid token is refused', async () => {
    const { token } = await issueToken({ key, scope: 'admin', subject: 'carol', ttlMs: 3600_000, now });
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/ ';
    await fc.assert(
      fc.asyncProperty(fc.nat(token.length - 1), fc.constantFrom(...alphabet), fc.nat(3), async (at, ch, op) => {
        const mutated =
          op === 0
            ? token.slice(0, at)
            : op === 1
              ? token.slice(0, at) + ch + token.slice(at + 1)
              : op === 2
                ? token.slice(0, at) + ch + token.slice(at)
                : token.slice(0, at) + token.slice(at + 1);
        if (mutated === token) return;
        expect(await reason(verifyToken(mutated, { key, requiredScope: 'read', now }))).not.toBe('accepted');
      }),
      { numRuns: 600, seed: 41 },
    );
  });
});
