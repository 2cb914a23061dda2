import { existsSync, writeSync } from 'node:fs';
import {
  credentialStorePath,
  generateKey,
  parseKey,
  readCredentialStore,
  resolveHome,
  writeCredentialStore,
  writeFileAtomic,
  KEY_ENV,
  OWNER_FILE_MODE,
} from '@rustybt/ops';
import { CliError } from '../errors';
import { requireKey } from './encryption-key';

export interface KeygenFlags {
  output?: string;
  rotate?: boolean;
}

/**
 * `rustybt keygen`: one line on stdout, the key, or the key in a new 0600 file. `--rotate` re-encrypts
 * the store under the new key; the key is delivered (printed or written) before the store is replaced,
 * and the store is replaced in one rename, so an interruption at any point leaves a store some key opens.
 */
export function runKeygen(flags: KeygenFlags, env: Record<string, string | undefined> = process.env): void {
  if (flags.output !== undefined && existsSync(flags.output)) {
    throw new CliError(`${flags.output} exists, and a key file is never overwritten. Choose another --output or remove that file first`);
  }
  const key = generateKey();
  if (!flags.rotate) {
    deliver(key, flags.output);
    return;
  }
  const oldKey = requireKey(env, 'keygen --rotate (the current key)');
  const path = credentialStorePath(resolveHome(env as NodeJS.ProcessEnv));
  const contents = readCredentialStore(path, oldKey);
  if (!contents)
    throw new CliError(`there is no credential store at ${path} to rotate. Store credentials with 'rustybt encrypt-credentials --broker <id>' first`);
  deliver(key, flags.output);
  try {
    writeCredentialStore(path, parseKey(key), contents);
  } catch (err) {
    throw new CliError(
      `the new key was not applied: ${path} still opens with the old ${KEY_ENV} (${err instanceof Error ? err.message : String(err)}). Fix that and run 'rustybt keygen --rotate' again`,
    );
  }
  const check = readCredentialStore(path, parseKey(key));
  if (JSON.stringify(check) !== JSON.stringify(contents)) throw new CliError(`${path} did not read back under the new key. Restore it from a backup`, 1);
  process.stderr.write(`re-encrypted ${path} (${Object.keys(contents.venues).length} venues) under the new key; set ${KEY_ENV} to it\n`);
}

/** Exactly one line on stdout, or the key in a new file that only its owner can read. */
function deliver(key: string, output: string | undefined): void {
  if (output === undefined) {
    // A synchronous write: the key is out before the store changes, or the command fails before it does.
    writeSync(1, `${key}\n`);
    return;
  }
  writeFileAtomic(output, `${key}\n`, { mode: OWNER_FILE_MODE });
  process.stderr.write(`wrote the key to ${output} (mode 0600)\n`);
}
