import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { formatMode, tooOpen, type HomeLayout } from '@rustybt/ops';
import { fail, pass, warn, type ConfigCheck } from './check';

interface Target {
  path: string;
  /** Secrets: too open is a FAIL. Trading records: a WARN. */
  secret: boolean;
}

/** Files and folders that must be owner-only: the secrets always, the state and logs too. */
export function modeTargets(layout: HomeLayout, dotenvFiles: readonly string[], logDir: string): Target[] {
  const targets: Target[] = [...dotenvFiles.map((path) => ({ path, secret: true }))];
  for (const name of ['credentials.enc', 'api-secret', 'api-tokens.json', 'revoked-tokens.json'])
    targets.push({ path: join(layout.config, name), secret: true });
  for (const dir of [layout.home, layout.config, layout.state, logDir]) {
    targets.push({ path: dir, secret: false });
    for (const f of listFiles(dir)) targets.push({ path: join(dir, f), secret: false });
  }
  return targets;
}

function listFiles(dir: string): string[] {
  try {
    return readdirSync(dir).filter((f) => {
      try {
        return statSync(join(dir, f)).isFile();
      } catch {
        return false;
      }
    });
  } catch {
    return [];
  }
}

/** One check per kind: every too-open path named, the first in `where`, with the chmod that fixes them. */
export function modeChecks(targets: readonly Target[]): ConfigCheck[] {
  const seen = new Set<string>();
  const unique = targets.filter((t) => !seen.has(t.path) && seen.add(t.path));
  const open = unique.map((t) => ({ t, f: tooOpen(t.path) })).filter((x) => x.f !== undefined);
  const secrets = open.filter((x) => x.t.secret);
  const records = open.filter((x) => !x.t.secret);
  const list = (xs: typeof open) => xs.map((x) => `${x.t.path} ${formatMode(x.f!.mode)}`).join(', ');
  const chmod = (xs: typeof open) => `chmod go-rwx ${xs.map((x) => x.t.path).join(' ')}`;
  const checked = unique.filter((t) => t.secret && exists(t.path)).length;
  return [
    secrets.length === 0
      ? pass('modes.secrets', 'owner-only secrets', `${checked} secret files are 0600 or stricter`)
      : fail('modes.secrets', 'owner-only secrets', `readable by others: ${list(secrets)}`, `Run: ${chmod(secrets)}`, secrets[0]!.t.path),
    records.length === 0
      ? pass('modes.home', 'owner-only home, state and logs', 'folders 0700, files 0600')
      : warn(
          'modes.home',
          'owner-only home, state and logs',
          `${records.length} paths open to others: ${list(records.slice(0, 5))}${records.length > 5 ? ', ...' : ''}`,
          `Run: ${chmod(records)}`,
          records[0]!.t.path,
        ),
  ];
}

const exists = (p: string) => {
  try {
    statSync(p);
    return true;
  } catch {
    return false;
  }
};
