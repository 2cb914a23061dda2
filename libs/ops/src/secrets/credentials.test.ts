import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { credentialEnvNames, credentialsFromEnv, MissingCredentialsError } from './credentials';

describe('credentialsFromEnv', () => {
  it('reads <EXCHANGE>_API_KEY / _API_SECRET (and an optional passphrase)', () => {
    expect(credentialsFromEnv('binance', { BINANCE_API_KEY: 'k', BINANCE_API_SECRET: 's' })).toEqual({ apiKey: 'k', secret: 's' });
    expect(credentialsFromEnv('okx', { OKX_API_KEY: 'k', OKX_API_SECRET: 's', OKX_API_PASSWORD: 'p' })).toEqual({ apiKey: 'k', secret: 's', password: 'p' });
    expect(credentialsFromEnv('bybit', {})).toBeUndefined();
  });

  it('names the missing half without echoing the value it has', () => {
    const err = (() => {
      try {
        credentialsFromEnv('bybit', { BYBIT_API_KEY: 'super-secret-key' });
      } catch (e) {
        return e as MissingCredentialsError;
      }
    })();
    expect(err).toBeInstanceOf(MissingCredentialsError);
    expect(err?.exitCode).toBe(2);
    expect(err?.message).toContain('BYBIT_API_SECRET');
    expect(err?.message).not.toContain('super-secret-key');
  });

  it('maps any exchange id to upper-case env names, and any env content to a result or a clean error', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 20 }), fc.option(fc.string()), fc.option(fc.string()), (id, key, secret) => {
        const names = credentialEnvNames(id);
        expect(names.apiKey).toMatch(/^[A-Z0-9_]*_API_KEY$/);
        const env: Record<string, string> = {};
        if (key !== null) env[names.apiKey] = key;
        if (secret !== null) env[names.secret] = secret;
        try {
          const c = credentialsFromEnv(id, env);
          if (c) expect(c.apiKey.length * c.secret.length).toBeGreaterThan(0);
        } catch (e) {
          expect(e).toBeInstanceOf(MissingCredentialsError);
        }
      }),
    );
  });
});
