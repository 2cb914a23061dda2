import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { resolveHome } from '../home';
import { lookupCredentials, MissingCredentialsError } from './credentials';
import { generateKey, parseKey } from './key';
import { credentialStorePath, readCredentialStore, writeCredentialStore } from './store';
import { CredentialStoreError } from './store-error';

const homes: string[] = [];
afterEach(() => homes.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
function home() {
  const dir = mkdtempSync(join(tmpdir(), 'rustybt-store-'));
  homes.push(dir);
  return { dir, path: credentialStorePath(resolveHome({ RUSTYBT_HOME: dir })) };
}
const entry = { apiKey: 'canary-key-1234', secret: 'canary-secret-5678', storedAt: '2025-01-01T00:00:00.000Z' };

describe('the credential store', () => {
  it('is written whole, 0600 in a 0700 config folder, and reads back', () => {
    const { dir, path } = home();
    const key = parseKey(generateKey());
    writeCredentialStore(path, key, { version: 1, venues: { binance: entry } });
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'config')).mode & 0o777).toBe(0o700);
    expect(readFileSync(path).includes(Buffer.from('canary'))).toBe(false);
    expect(readCredentialStore(path, key)?.venues.binance).toEqual(entry);
    expect(readCredentialStore(join(dir, 'none.enc'), key)).toBeUndefined();
  });

  it('names the file and what to do for a wrong key, a flipped byte or a foreign file', () => {
    const { path } = home();
    const key = parseKey(generateKey());
    writeCredentialStore(path, key, { version: 1, venues: { binance: entry } });
    expect(() => readCredentialStore(path, parseKey(generateKey()))).toThrow(
      new RegExp(`^wrong encryption key for ${path}\\. Set RUSTYBT_ENCRYPTION_KEY to the key the store was written with$`),
    );
    const bytes = readFileSync(path);
    bytes[bytes.length - 20] ^= 0x80;
    writeFileSync(path, bytes);
    expect(() => readCredentialStore(path, key)).toThrow(
      expect.objectContaining({ kind: 'tampered', message: expect.stringMatching(/was altered or damaged.*Restore it from a backup/) }),
    );
    writeFileSync(path, 'BINANCE_API_KEY=x\n');
    expect(() => readCredentialStore(path, key)).toThrow(/is not a rustybt store/);
  });
});

describe('lookupCredentials', () => {
  it('takes the environment first, then the store', () => {
    const { dir, path } = home();
    const keyText = generateKey();
    writeCredentialStore(path, parseKey(keyText), { version: 1, venues: { binance: entry } });
    const env = { RUSTYBT_HOME: dir, RUSTYBT_ENCRYPTION_KEY: keyText };
    expect(lookupCredentials('binance', { env })).toEqual({ credentials: { apiKey: entry.apiKey, secret: entry.secret }, source: 'store' });
    expect(lookupCredentials('binance', { env: { ...env, BINANCE_API_KEY: 'k', BINANCE_API_SECRET: 's' } })).toEqual({
      credentials: { apiKey: 'k', secret: 's' },
      source: 'env',
    });
  });

  it('says exactly what to do when nothing is found, the key is missing or wrong', () => {
    const { dir, path } = home();
    expect(() => lookupCredentials('bybit', { env: { RUSTYBT_HOME: dir } })).toThrow(
      new MissingCredentialsError(
        "no credentials for bybit. Set BYBIT_API_KEY and BYBIT_API_SECRET, or store them with 'rustybt encrypt-credentials --broker bybit'",
      ),
    );
    writeCredentialStore(path, parseKey(generateKey()), { version: 1, venues: { binance: entry } });
    expect(() => lookupCredentials('binance', { env: { RUSTYBT_HOME: dir } })).toThrow(
      /exists but RUSTYBT_ENCRYPTION_KEY is not set\. Set RUSTYBT_ENCRYPTION_KEY/,
    );
    expect(() => lookupCredentials('binance', { env: { RUSTYBT_HOME: dir, RUSTYBT_ENCRYPTION_KEY: generateKey() } })).toThrow(CredentialStoreError);
    expect(() => lookupCredentials('binance', { env: { RUSTYBT_HOME: dir, RUSTYBT_ENCRYPTION_KEY: generateKey().slice(0, 20) } })).toThrow(/truncated/);
  });
});
