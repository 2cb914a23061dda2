import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../files/atomic-write';
import { makeOwnerDirs, OWNER_FILE_MODE } from '../files/owner-only';
import type { HomeLayout } from '../home';
import { MAX_ENVELOPE_BYTES, open, seal } from './envelope';
import { KEY_ENV } from './key';
import { CredentialStoreError } from './store-error';

const venueEntrySchema = z
  .object({
    apiKey: z.string().min(1),
    secret: z.string().min(1),
    password: z.string().min(1).optional(),
    storedAt: z.string(),
  })
  .strict();
/** What the envelope holds once decrypted: one entry per venue id. */
export const storeContentsSchema = z.object({ version: z.literal(1), venues: z.record(z.string().regex(/^[a-z0-9]+$/), venueEntrySchema) }).strict();
export type StoreContents = z.infer<typeof storeContentsSchema>;
export type StoredVenue = z.infer<typeof venueEntrySchema>;

export const emptyStore = (): StoreContents => ({ version: 1, venues: {} });
export const credentialStorePath = (layout: HomeLayout): string => join(layout.config, 'credentials.enc');

const REMEDY: Record<CredentialStoreError['kind'], string> = {
  'wrong-key': `Set ${KEY_ENV} to the key the store was written with`,
  tampered: "Restore it from a backup, or delete it and store the credentials again with 'rustybt encrypt-credentials'",
  format: "Restore it from a backup, or delete it and store the credentials again with 'rustybt encrypt-credentials'",
  unreadable: 'Check that the file exists and that you own it',
  'no-key': `Set ${KEY_ENV} to the key from 'rustybt keygen'`,
};

/** The decrypted store, or undefined when there is no file. Every failure is one CredentialStoreError naming the file. */
export function readCredentialStore(path: string, key: Buffer): StoreContents | undefined {
  const bytes = readStoreBytes(path);
  if (!bytes) return undefined;
  let plain: Buffer;
  try {
    plain = open(key, bytes);
  } catch (err) {
    throw located(err, path);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(plain.toString('utf8'));
  } catch {
    parsed = undefined;
  }
  const result = storeContentsSchema.safeParse(parsed);
  if (!result.success) throw located(new CredentialStoreError('format', 'the credentials store decrypts but holds no credentials list'), path);
  return result.data;
}

/** Encrypts and writes the whole store in one atomic replace, 0600 in a 0700 folder. */
export function writeCredentialStore(path: string, key: Buffer, contents: StoreContents): void {
  const checked = storeContentsSchema.parse(contents);
  makeOwnerDirs(join(path, '..'));
  writeFileAtomic(path, seal(key, Buffer.from(JSON.stringify(checked), 'utf8')), { mode: OWNER_FILE_MODE });
}

/** The raw envelope bytes, undefined when absent. */
export function readStoreBytes(path: string): Buffer | undefined {
  try {
    const bytes = readFileSync(path);
    if (bytes.length > MAX_ENVELOPE_BYTES)
      throw located(new CredentialStoreError('format', `the credentials store is ${bytes.length} bytes, more than a store ever is`), path);
    return bytes;
  } catch (err) {
    if (err instanceof CredentialStoreError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    throw new CredentialStoreError('unreadable', `cannot read ${path} (${code ?? 'error'}). ${REMEDY.unreadable}`);
  }
}

/** `wrong encryption key for <path>. Set ...`: the envelope's finding, the file, and what to do. */
export function located(err: unknown, path: string): CredentialStoreError {
  if (!(err instanceof CredentialStoreError)) return new CredentialStoreError('format', `${path}: unreadable credentials store. ${REMEDY.format}`);
  const what = err.message.replace('the credentials store', path);
  return new CredentialStoreError(err.kind, `${what}. ${REMEDY[err.kind]}`);
}

export const noKeyError = (path: string): CredentialStoreError =>
  new CredentialStoreError('no-key', `${path} exists but ${KEY_ENV} is not set. ${REMEDY['no-key']} that encrypted it`);
