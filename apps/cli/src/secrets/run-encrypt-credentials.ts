import type { Command } from 'commander';
import { credentialStorePath, emptyStore, readCredentialStore, writeCredentialStore, type StoreContents, type VenueCredentials } from '@rustybt/ops';
import { CliError } from '../errors';
import { globalsOf } from '../globals';
import { loadEffectiveConfig } from '../load-config';
import { knowSecrets } from '../stderr-redaction';
import { readNewCredentials } from './credential-input';
import { requireKey } from './encryption-key';
import { maskKey } from './mask';
import { verifyNewCredentials } from './verify-credentials';

export interface EncryptFlags {
  broker?: string;
  fromEnv?: boolean;
  verify?: boolean;
  list?: boolean;
  remove?: string;
  testnet?: boolean;
  apiUrl?: string;
  timeout?: string;
}

const VENUE_ID = /^[a-z0-9]+$/;

function venueId(raw: string, flag: string): string {
  const id = raw.trim().toLowerCase();
  if (!VENUE_ID.test(id) || id === 'paper') throw new CliError(`bad ${flag} '${raw.slice(0, 40)}'. Give a ccxt exchange id such as binance or bybit`);
  return id;
}

/**
 * `rustybt encrypt-credentials`: store, list or remove a venue's credentials in
 * RUSTYBT_HOME/config/credentials.enc. The store is read whole, changed, and written whole in one
 * atomic replace; with --verify the new credentials must pass the authentication check first.
 */
export async function runEncryptCredentials(flags: EncryptFlags, cmd: Command): Promise<void> {
  const modes = [flags.list, flags.remove !== undefined, flags.broker !== undefined].filter(Boolean).length;
  if (modes !== 1) throw new CliError('give exactly one of --broker <id> (store), --list or --remove <id>. See rustybt encrypt-credentials --help');
  const loaded = loadEffectiveConfig(cmd);
  const path = credentialStorePath(loaded.layout);
  const key = requireKey(loaded.env, 'the credential store');
  const store = readCredentialStore(path, key);
  if (flags.list) return list(store, path, globalsOf(cmd).json);
  if (flags.remove !== undefined) {
    const id = venueId(flags.remove, '--remove');
    if (!store?.venues[id]) throw new CliError(`no credentials for ${id} in ${path}. See rustybt encrypt-credentials --list`);
    const { [id]: _gone, ...rest } = store.venues;
    writeCredentialStore(path, key, { version: 1, venues: rest });
    process.stdout.write(`removed ${id} from ${path}\n`);
    return;
  }
  const id = venueId(flags.broker!, '--broker');
  const credentials = await readNewCredentials(id, flags.fromEnv === true, loaded.env);
  knowSecrets([credentials.apiKey, credentials.secret, credentials.password]);
  if (flags.verify) await verifyNewCredentials(id, credentials, flags, loaded.env, Boolean(store?.venues[id]));
  write(path, key, store ?? emptyStore(), id, credentials);
  const replaced = store?.venues[id] ? ' (replacing the previous ones)' : '';
  process.stdout.write(`stored ${id} credentials, key ${maskKey(credentials.apiKey)}, in ${path}${replaced}\n`);
}

function write(path: string, key: Buffer, store: StoreContents, id: string, c: VenueCredentials): void {
  const venues = {
    ...store.venues,
    [id]: { apiKey: c.apiKey, secret: c.secret, ...(c.password ? { password: c.password } : {}), storedAt: new Date().toISOString() },
  };
  writeCredentialStore(path, key, { version: 1, venues });
}

function list(store: StoreContents | undefined, path: string, json: boolean): void {
  const rows = Object.entries(store?.venues ?? {})
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([id, v]) => ({ venue: id, apiKey: maskKey(v.apiKey), passphrase: v.password !== undefined, storedAt: v.storedAt }));
  if (json) {
    process.stdout.write(`${JSON.stringify({ store: path, venues: rows }, null, 2)}\n`);
    return;
  }
  if (rows.length === 0) {
    process.stdout.write(`no credentials stored in ${path}\n`);
    return;
  }
  const width = Math.max(5, ...rows.map((r) => r.venue.length));
  const lines = rows.map((r) => `${r.venue.padEnd(width)}  key ${r.apiKey}${r.passphrase ? '  passphrase set' : ''}  stored ${r.storedAt}`);
  process.stdout.write(`${lines.join('\n')}\n`);
}
