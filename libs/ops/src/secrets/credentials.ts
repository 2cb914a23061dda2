import { existsSync } from 'node:fs';
import { resolveHome, type HomeLayout } from '../home';
import { keyFromEnv } from './key';
import { credentialStorePath, noKeyError, readCredentialStore } from './store';

/** What a venue needs to sign requests; the brokers take this shape as it is. */
export interface VenueCredentials {
  apiKey: string;
  secret: string;
  /** Some venues (OKX, KuCoin...) also want a passphrase. */
  password?: string;
}

export type CredentialSource = 'env' | 'store';

/** `binance` -> `BINANCE`, `coinbase-advanced` -> `COINBASE_ADVANCED`. */
export const envPrefix = (exchangeId: string): string => exchangeId.toUpperCase().replace(/[^A-Z0-9]/g, '_');

/** The one definition of the credential variables of a venue. */
export function credentialEnvNames(exchangeId: string): { apiKey: string; secret: string; password: string } {
  const p = envPrefix(exchangeId);
  return { apiKey: `${p}_API_KEY`, secret: `${p}_API_SECRET`, password: `${p}_API_PASSWORD` };
}

export class MissingCredentialsError extends Error {
  readonly exitCode = 2;
  constructor(message: string) {
    super(message);
    this.name = 'MissingCredentialsError';
  }
}

/**
 * Credentials for a venue from `<EXCHANGE>_API_KEY` / `<EXCHANGE>_API_SECRET` (and optional
 * `<EXCHANGE>_API_PASSWORD`). Undefined when neither is set; an error names the missing half.
 */
export function credentialsFromEnv(exchangeId: string, env: Record<string, string | undefined> = process.env): VenueCredentials | undefined {
  const names = credentialEnvNames(exchangeId);
  const apiKey = env[names.apiKey]?.trim();
  const secret = env[names.secret]?.trim();
  const password = env[names.password]?.trim();
  if (!apiKey && !secret) return undefined;
  if (!apiKey || !secret) {
    throw new MissingCredentialsError(
      `${names.apiKey} and ${names.secret} must both be set (only ${apiKey ? names.apiKey : names.secret} is). Set the other one`,
    );
  }
  return { apiKey, secret, ...(password ? { password } : {}) };
}

/** The one message for a venue without credentials anywhere. */
export function missingCredentials(exchangeId: string): MissingCredentialsError {
  const names = credentialEnvNames(exchangeId);
  return new MissingCredentialsError(
    `no credentials for ${exchangeId}. Set ${names.apiKey} and ${names.secret}, or store them with 'rustybt encrypt-credentials --broker ${exchangeId}'`,
  );
}

export interface LookupOptions {
  env?: Record<string, string | undefined>;
  /** Default: the RUSTYBT_HOME of `env`. */
  layout?: HomeLayout;
}

/**
 * The lookup every venue command uses: the environment first, then RUSTYBT_HOME/config/credentials.enc
 * decrypted with RUSTYBT_ENCRYPTION_KEY. A store that exists but cannot be opened (no key, wrong
 * key, damaged) is a CredentialStoreError saying what to do, never a silent fall-through.
 */
export function lookupCredentials(exchangeId: string, options: LookupOptions = {}): { credentials: VenueCredentials; source: CredentialSource } {
  const env = options.env ?? process.env;
  const fromEnv = credentialsFromEnv(exchangeId, env);
  if (fromEnv) return { credentials: fromEnv, source: 'env' };
  const path = credentialStorePath(options.layout ?? resolveHome(env as NodeJS.ProcessEnv));
  if (!existsSync(path)) throw missingCredentials(exchangeId);
  const key = keyFromEnv(env);
  if (!key) throw noKeyError(path);
  const entry = readCredentialStore(path, key)?.venues[exchangeId];
  if (!entry) throw missingCredentials(exchangeId);
  return { credentials: { apiKey: entry.apiKey, secret: entry.secret, ...(entry.password ? { password: entry.password } : {}) }, source: 'store' };
}
