import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { REDACTED, redact, secretValuesFromEnv } from './redact';

describe('redact', () => {
  it('hides secret-named fields at any depth and known secret values inside strings', () => {
    const secrets = secretValuesFromEnv({ RUSTYBT_BINANCE_SECRET: 'sup3rs3cret', RUSTYBT_BINANCE_API_KEY: 'key-123456', PATH: '/usr/bin' });
    expect(secrets).toEqual(['sup3rs3cret', 'key-123456']);
    const out = redact({ message: 'GET /x?signature=1&key=key-123456 failed', nested: { apiKey: 'abc', password: 'p', ok: 1 }, list: [{ token: 't' }] }, secrets);
    expect(out).toEqual({
      message: `GET /x?signature=1&key=${REDACTED} failed`,
      nested: { apiKey: REDACTED, password: REDACTED, ok: 1 },
      list: [{ token: REDACTED }],
    });
  });

  it('never lets a known secret through in any logged value, whatever the payload (fuzz)', () => {
    const values = (v: unknown): string[] =>
      typeof v === 'string' ? [v] : v !== null && typeof v === 'object' ? Object.values(v).flatMap(values) : [];
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z0-9]{8,20}$/), fc.jsonValue(), fc.string(), (secret, payload, around) => {
        const out = redact({ payload, message: `${around}${secret}${around}`, nested: [{ note: secret }] }, [secret]);
        for (const text of values(out)) expect(text.includes(secret)).toBe(false);
      }),
    );
  });
});
