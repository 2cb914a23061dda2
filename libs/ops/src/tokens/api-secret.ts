import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../errors';
import { writeFileAtomic } from '../files/atomic-write';
import { makeOwnerDirs, OWNER_FILE_MODE } from '../files/owner-only';
import type { HomeLayout } from '../home';

export const API_SECRET_ENV = 'RUSTYBT_API_SECRET';
export const apiSecretPath = (layout: HomeLayout): string => join(layout.config, 'api-secret');

export interface ApiSecret {
  /** The HMAC key: the UTF-8 bytes of the secret text. */
  key: Uint8Array;
  source: 'env' | 'file';
  /** Where it came from, for messages: the variable or the file. */
  where: string;
  strength: SecretStrength;
}

export interface SecretStrength {
  /** Estimated random bits: length times the bits of the character classes it uses. */
  bits: number;
  strong: boolean;
  detail: string;
}

/** The bar for a signing secret: 32 random bytes, i.e. 256 bits. */
export const STRONG_SECRET_BITS = 256;

/**
 * A conservative estimate of a secret's randomness from its text: each character is worth the bits
 * of the smallest alphabet that holds every character used (hex 4, base64 6, printable 6.5), and a
 * text of fewer than 10 distinct characters only log2 of that count. `openssl rand -hex 32` and the
 * generated file (32 bytes, base64url) both reach 256. A heuristic: it cannot see a dictionary phrase.
 */
export function secretStrength(text: string): SecretStrength {
  const distinct = new Set(text).size;
  const perChar = /^[0-9a-f]*$/i.test(text) ? 4 : /^[A-Za-z0-9_+/=-]*$/.test(text) ? 6 : 6.5;
  const bits = Math.floor(text.length * (distinct < 10 ? Math.log2(Math.max(distinct, 1)) : perChar));
  const strong = bits >= STRONG_SECRET_BITS;
  return { bits, strong, detail: strong ? `about ${bits} bits` : `about ${bits} bits, below the ${STRONG_SECRET_BITS} of 32 random bytes` };
}

/**
 * The API signing secret: RUSTYBT_API_SECRET, else RUSTYBT_HOME/config/api-secret, which `create`
 * makes on first use (32 random bytes, base64url, 0600). Undefined when neither exists and not `create`.
 */
export function loadApiSecret(opts: { env: Record<string, string | undefined>; layout: HomeLayout; create?: boolean }): ApiSecret | undefined {
  const fromEnv = opts.env[API_SECRET_ENV]?.trim();
  if (fromEnv) return { key: Buffer.from(fromEnv, 'utf8'), source: 'env', where: API_SECRET_ENV, strength: secretStrength(fromEnv) };
  const path = apiSecretPath(opts.layout);
  let text = readSecretFile(path);
  if (text === undefined) {
    if (!opts.create) return undefined;
    makeOwnerDirs(opts.layout.config);
    text = randomBytes(32).toString('base64url');
    writeFileAtomic(path, `${text}\n`, { mode: OWNER_FILE_MODE });
  }
  if (text === '') throw new InputError(`${path} is empty. Delete it and run 'rustybt generate-api-token' to create a new secret`);
  return { key: Buffer.from(text, 'utf8'), source: 'file', where: path, strength: secretStrength(text) };
}

function readSecretFile(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    throw new InputError(`cannot read ${path} (${code ?? 'error'}). Check that you own it`);
  }
}
