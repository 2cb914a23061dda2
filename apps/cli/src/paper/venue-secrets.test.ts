import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { credentialStorePath, generateKey, parseKey, resolveHome, writeCredentialStore } from '@rustybt/ops';
import { redactForStderr } from '../stderr-redaction';
import { knowVenueSecrets } from './venue-secrets';

const dir = mkdtempSync(join(tmpdir(), 'rustybt-venue-secrets-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('knowVenueSecrets', () => {
  it("hands the store's credentials of a venue session to the stderr redactor", () => {
    const key = generateKey();
    const env = { RUSTYBT_HOME: join(dir, 'home'), RUSTYBT_ENCRYPTION_KEY: key };
    const canary = { apiKey: 'CANARY-store-api-key-4f1c', secret: 'CANARY-store-secret-9e2a7b' };
    writeCredentialStore(credentialStorePath(resolveHome(env)), parseKey(key), {
      version: 1,
      venues: { binance: { ...canary, storedAt: new Date(0).toISOString() } },
    });
    const line = `error: venue said ${canary.apiKey} / ${canary.secret}`;
    knowVenueSecrets({ broker: 'paper', env });
    expect(redactForStderr(line)).toContain(canary.secret);
    knowVenueSecrets({ broker: 'binance', env });
    const out = redactForStderr(line);
    expect(out).not.toContain(canary.apiKey);
    expect(out).not.toContain(canary.secret);
    expect(out).not.toContain('CANARY-store');
  });

  it('leaves missing credentials to the runner to report', () => {
    expect(() => knowVenueSecrets({ broker: 'bybit', env: { RUSTYBT_HOME: join(dir, 'empty') } })).not.toThrow();
  });
});
