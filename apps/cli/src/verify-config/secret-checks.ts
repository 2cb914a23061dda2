import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { apiSecretPath, credentialStorePath, keyFromEnv, loadApiSecret, readCredentialStore, KEY_ENV, type HomeLayout, type StoreContents } from '@rustybt/ops';
import { fail, pass, skip, warn, type ConfigCheck } from './check';
import { gitRoot, isIgnored, isTracked, trackedFiles } from './git-files';

/** The store opens with the current key. Returns the contents for the plaintext scan. */
export function storeCheck(layout: HomeLayout, env: Record<string, string | undefined>): { check: ConfigCheck; contents?: StoreContents; exists: boolean } {
  const path = credentialStorePath(layout);
  if (!existsSync(path))
    return { exists: false, check: skip('store.decrypts', 'credential store', `no store at ${path}; venues take credentials from the environment`) };
  try {
    const key = keyFromEnv(env);
    if (!key)
      return {
        exists: true,
        check: fail(
          'store.decrypts',
          'credential store',
          `${KEY_ENV} is not set, so the store cannot be opened`,
          `Set ${KEY_ENV} to the key that encrypted it`,
          KEY_ENV,
        ),
      };
    const contents = readCredentialStore(path, key)!;
    const venues = Object.keys(contents.venues);
    return {
      exists: true,
      contents,
      check: pass('store.decrypts', 'credential store', `decrypts with ${KEY_ENV}: ${venues.length ? venues.join(', ') : 'no venues'}`, path),
    };
  } catch (err) {
    return {
      exists: true,
      check: fail(
        'store.decrypts',
        'credential store',
        err instanceof Error ? err.message.split('. ')[0]! : String(err),
        err instanceof Error ? err.message.split('. ').slice(1).join('. ') || 'See docs/security.md' : 'See docs/security.md',
        path,
      ),
    };
  }
}

const SECRET_NAME = /^(export\s+)?([A-Z0-9_]+_API_(KEY|SECRET|PASSWORD)|RUSTYBT_ENCRYPTION_KEY|RUSTYBT_API_SECRET)\s*=\s*(\S+)/;
const MAX_SCAN = 1024 * 1024;

/**
 * While a store exists, no secret should also lie in plaintext: a stored value found in config.yaml,
 * a .env or a git-tracked file is a FAIL at its line; a .env still assigning venue keys is a WARN
 * (the environment wins over the store, so the store is not what runs).
 */
export function plaintextCheck(o: {
  storeExists: boolean;
  contents?: StoreContents;
  configFile: string;
  dotenvFiles: readonly string[];
  cwd: string;
}): ConfigCheck {
  const title = 'no plaintext secrets';
  if (!o.storeExists) return skip('secrets.plaintext', title, 'no credential store; nothing to compare with');
  const values = Object.values(o.contents?.venues ?? {})
    .flatMap((v) => [v.apiKey, v.secret, v.password])
    .filter((v): v is string => typeof v === 'string' && v.length >= 6);
  const files = [o.configFile, ...o.dotenvFiles];
  const root = gitRoot(o.cwd);
  if (root) files.push(...trackedFiles(o.cwd).map((f) => join(o.cwd, f)));
  for (const file of new Set(files)) {
    const text = readSmall(file);
    if (text === undefined) continue;
    const lines = text.split('\n');
    const hit = values.length ? lines.findIndex((l) => values.some((v) => l.includes(v))) : -1;
    if (hit >= 0)
      return fail(
        'secrets.plaintext',
        title,
        'a stored credential also appears in plaintext',
        'Delete it from that file (and from git history if it was committed), then rotate the key at the venue',
        `${file}:${hit + 1}`,
      );
  }
  for (const file of o.dotenvFiles) {
    const lines = (readSmall(file) ?? '').split('\n');
    const hit = lines.findIndex((l) => SECRET_NAME.test(l.trim()));
    if (hit >= 0) {
      const name = SECRET_NAME.exec(lines[hit]!.trim())![2];
      return warn(
        'secrets.plaintext',
        title,
        `${name} is set in plaintext beside the store`,
        'Remove it from the .env: the store holds venue credentials, and the key belongs in the service environment, not a file',
        `${file}:${hit + 1}`,
      );
    }
  }
  return pass('secrets.plaintext', title, `config.yaml, .env files${root ? ' and git-tracked files' : ''} hold none of the stored credentials`);
}

function readSmall(file: string): string | undefined {
  try {
    const st = statSync(file);
    if (!st.isFile() || st.size > MAX_SCAN) return undefined;
    const buf = readFileSync(file);
    return buf.includes(0) ? undefined : buf.toString('utf8');
  } catch {
    return undefined;
  }
}

/** Inside a repository, ./.env must be ignored and untracked. */
export function gitignoreCheck(cwd: string): ConfigCheck {
  const title = '.gitignore covers .env';
  const root = gitRoot(cwd);
  if (!root) return skip('git.ignore-env', title, `${cwd} is not inside a git repository`);
  const hasEnv = existsSync(join(cwd, '.env'));
  if (hasEnv && isTracked(cwd, '.env'))
    return fail(
      'git.ignore-env',
      title,
      '.env is tracked by git',
      'Run: git rm --cached .env, add .env to .gitignore, and rotate every secret it held',
      join(cwd, '.env'),
    );
  if (isIgnored(cwd, '.env')) return pass('git.ignore-env', title, `${root}: .env is ignored`);
  return hasEnv
    ? fail('git.ignore-env', title, '.env is not ignored and could be committed', 'Add a line .env to .gitignore', join(root, '.gitignore'))
    : warn('git.ignore-env', title, 'no rule ignores .env', 'Add a line .env to .gitignore before creating one', join(root, '.gitignore'));
}

/** The API signing secret: 32 random bytes or more, if one exists. */
export function apiSecretCheck(layout: HomeLayout, env: Record<string, string | undefined>, authRequired: boolean): ConfigCheck {
  const title = 'API secret';
  let secret;
  try {
    secret = loadApiSecret({ env, layout });
  } catch (err) {
    return fail(
      'api.secret',
      title,
      err instanceof Error ? err.message : String(err),
      'Delete the file and let rustybt generate-api-token create a new one',
      apiSecretPath(layout),
    );
  }
  if (!secret) {
    const detail = `none yet; 'rustybt generate-api-token' creates ${apiSecretPath(layout)}`;
    return authRequired
      ? warn('api.secret', title, detail, 'Run rustybt generate-api-token: api.auth is required and no token can be valid yet')
      : skip('api.secret', title, detail);
  }
  return secret.strength.strong
    ? pass('api.secret', title, `${secret.strength.detail}`, secret.where)
    : fail(
        'api.secret',
        title,
        `weak: ${secret.strength.detail}`,
        secret.source === 'env'
          ? 'Set RUSTYBT_API_SECRET to 32 random bytes, e.g. openssl rand -hex 32'
          : 'Delete the file; rustybt generate-api-token creates a strong one',
        secret.where,
      );
}
