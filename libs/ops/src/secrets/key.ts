import { randomBytes } from 'node:crypto';
import { InputError } from '../errors';

/** The text form of an encryption key: a version prefix, then 32 bytes in base64url (43 characters). */
export const KEY_PREFIX = 'rbk1_';
export const KEY_BYTES = 32;
export const KEY_ENV = 'RUSTYBT_ENCRYPTION_KEY';
const KEY_TEXT_LENGTH = KEY_PREFIX.length + 43;
const BODY = /^[A-Za-z0-9_-]{43}$/;

/** 256 fresh random bits in text form, e.g. `rbk1_Q2h...`. */
export function generateKey(): string {
  return `${KEY_PREFIX}${randomBytes(KEY_BYTES).toString('base64url')}`;
}

/**
 * The 32 key bytes of a key in text form. Anything else is an InputError (exit 2) that names the
 * problem (no prefix, truncated, stray characters) without repeating the text, which may be a key.
 */
export function parseKey(text: string, source = KEY_ENV): Buffer {
  const t = text.trim();
  if (!t.startsWith(KEY_PREFIX)) {
    throw new InputError(`${source} is not a rustybt key (it must start with ${KEY_PREFIX}). Use the line 'rustybt keygen' printed`);
  }
  const body = t.slice(KEY_PREFIX.length);
  if (t.length < KEY_TEXT_LENGTH)
    throw new InputError(`${source} is truncated (${t.length} of ${KEY_TEXT_LENGTH} characters). Copy the whole line 'rustybt keygen' printed`);
  if (t.length > KEY_TEXT_LENGTH)
    throw new InputError(`${source} is too long (${t.length} of ${KEY_TEXT_LENGTH} characters). Copy exactly the line 'rustybt keygen' printed`);
  if (!BODY.test(body)) throw new InputError(`${source} holds characters a rustybt key never has. Copy exactly the line 'rustybt keygen' printed`);
  const bytes = Buffer.from(body, 'base64url');
  // 43 characters carry 258 bits: the last 2 must be zero, else two texts would be one key.
  if (bytes.length !== KEY_BYTES || bytes.toString('base64url') !== body) {
    throw new InputError(`${source} is not a valid rustybt key (its last character is off). Copy exactly the line 'rustybt keygen' printed`);
  }
  return bytes;
}

/** The key from RUSTYBT_ENCRYPTION_KEY, or undefined when it is unset or empty. */
export function keyFromEnv(env: Record<string, string | undefined>): Buffer | undefined {
  const raw = env[KEY_ENV];
  if (raw === undefined || raw.trim() === '') return undefined;
  return parseKey(raw);
}
