import { z } from 'zod';

export const credentialsSchema = z.object({
  apiKey: z.string().min(1),
  secret: z.string().min(1),
  /** Some venues (OKX, KuCoin...) also want a passphrase. */
  password: z.string().min(1).optional(),
});
export type Credentials = z.infer<typeof credentialsSchema>;

/** `binance` -> `BINANCE`, `coinbase-advanced` -> `COINBASE_ADVANCED`. */
export const envPrefix = (exchangeId: string): string => exchangeId.toUpperCase().replace(/[^A-Z0-9]/g, '_');

export function credentialEnvNames(exchangeId: string): { apiKey: string; secret: string; password: string } {
  const p = envPrefix(exchangeId);
  return { apiKey: `${p}_API_KEY`, secret: `${p}_API_SECRET`, password: `${p}_API_PASSWORD` };
}

/**
 * Credentials for a venue from `<EXCHANGE>_API_KEY` / `<EXCHANGE>_API_SECRET` (and optional
 * `<EXCHANGE>_API_PASSWORD`). Undefined when neither is set; an error names the missing half.
 */
export function credentialsFromEnv(exchangeId: string, env: Record<string, string | undefined> = process.env): Credentials | undefined {
  const names = credentialEnvNames(exchangeId);
  const apiKey = env[names.apiKey]?.trim();
  const secret = env[names.secret]?.trim();
  const password = env[names.password]?.trim();
  if (!apiKey && !secret) return undefined;
  if (!apiKey || !secret) {
    throw new MissingCredentialsError(`${names.apiKey} and ${names.secret} must both be set (only ${apiKey ? names.apiKey : names.secret} is). Set the other one`);
  }
  return { apiKey, secret, ...(password ? { password } : {}) };
}

export class MissingCredentialsError extends Error {
  readonly exitCode = 2;
  constructor(message: string) {
    super(message);
    this.name = 'MissingCredentialsError';
  }
}
