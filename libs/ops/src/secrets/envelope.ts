import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import { CredentialStoreError } from './store-error';

/**
 * The credential store's bytes (credentials.enc), version 1:
 *
 *   offset  size  field
 *   0       4     magic "RBTC"
 *   4       1     format version (1)
 *   5       1     suite (1 = HKDF-SHA256 sub-keys, AES-256-GCM)
 *   6       16    salt, fresh per write
 *   22      12    GCM nonce, fresh per write
 *   34      16    key check: HMAC-SHA256(key, "rustybt key check v1"), first 16 bytes
 *   50      n     ciphertext of the UTF-8 JSON payload
 *   50+n    16    GCM tag
 *
 * The 50 header bytes are the additional authenticated data, so every byte of the file is covered:
 * a changed header or body fails the tag. The key check tells a wrong key (check differs) from a
 * damaged file (check matches, tag fails); only a damaged check field itself reads as a wrong key.
 * The check is a fixed fingerprint of the key (it shows two stores share a key, nothing more); the
 * cipher key is HKDF(key, salt), a different one on every write.
 */
const MAGIC = Buffer.from('RBTC', 'ascii');
const VERSION = 1;
const SUITE = 1;
const SALT = 16;
const NONCE = 12;
const CHECK = 16;
const TAG = 16;
export const HEADER_BYTES = 4 + 1 + 1 + SALT + NONCE + CHECK;
/** Far above any real store (a few hundred bytes per venue); refuses to buffer an absurd file. */
export const MAX_ENVELOPE_BYTES = 1 << 20;

export interface Envelope {
  header: Buffer;
  salt: Buffer;
  nonce: Buffer;
  check: Buffer;
  ciphertext: Buffer;
  tag: Buffer;
}

const formatError = (what: string) => new CredentialStoreError('format', `the credentials store is not a rustybt store (${what})`);

/** Splits the bytes into fields; anything malformed is a CredentialStoreError('format'). */
export function parseEnvelope(bytes: Uint8Array): Envelope {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (b.length > MAX_ENVELOPE_BYTES) throw formatError(`${b.length} bytes, more than ${MAX_ENVELOPE_BYTES}`);
  if (b.length < HEADER_BYTES + TAG) throw formatError(`${b.length} bytes, too short`);
  if (!b.subarray(0, 4).equals(MAGIC)) throw formatError('bad magic');
  if (b[4] !== VERSION)
    throw new CredentialStoreError('format', `the credentials store has format version ${b[4]}, this rustybt reads version ${VERSION}. Upgrade rustybt`);
  if (b[5] !== SUITE) throw formatError(`unknown cipher suite ${b[5]}`);
  let at = 6;
  const take = (n: number) => b.subarray(at, (at += n));
  const salt = take(SALT);
  const nonce = take(NONCE);
  const check = take(CHECK);
  return { header: b.subarray(0, HEADER_BYTES), salt, nonce, check, ciphertext: b.subarray(HEADER_BYTES, b.length - TAG), tag: b.subarray(b.length - TAG) };
}

const keyCheck = (key: Buffer) => createHmac('sha256', key).update('rustybt key check v1').digest().subarray(0, CHECK);
const cipherKey = (key: Buffer, salt: Buffer) => Buffer.from(hkdfSync('sha256', key, salt, 'rustybt credentials aes-256-gcm', 32));

/** Encrypts a payload under a fresh salt and nonce. */
export function seal(key: Buffer, plaintext: Buffer): Buffer {
  const salt = randomBytes(SALT);
  const nonce = randomBytes(NONCE);
  const header = Buffer.concat([MAGIC, Buffer.from([VERSION, SUITE]), salt, nonce, keyCheck(key)]);
  const cipher = createCipheriv('aes-256-gcm', cipherKey(key, salt), nonce, { authTagLength: TAG });
  cipher.setAAD(header);
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([header, ciphertext, cipher.getAuthTag()]);
}

/** The payload, or CredentialStoreError: 'wrong-key' when the key check differs, 'tampered' when the tag fails. */
export function open(key: Buffer, bytes: Uint8Array): Buffer {
  const env = parseEnvelope(bytes);
  if (!timingSafeEqual(keyCheck(key), env.check)) {
    throw new CredentialStoreError('wrong-key', 'wrong encryption key for the credentials store');
  }
  try {
    const decipher = createDecipheriv('aes-256-gcm', cipherKey(key, env.salt), env.nonce, { authTagLength: TAG });
    decipher.setAAD(env.header);
    decipher.setAuthTag(env.tag);
    return Buffer.concat([decipher.update(env.ciphertext), decipher.final()]);
  } catch {
    throw new CredentialStoreError('tampered', 'the credentials store was altered or damaged (its authentication tag does not match)');
  }
}
