import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CliError } from '../errors';

/** Where one documented file's console blocks run: a fresh RUSTYBT_HOME, working folder and PATH. */
export interface Sandbox {
  root: string;
  home: string;
  work: string;
  env: NodeJS.ProcessEnv;
  dispose(): void;
}

/** The built CLI's entry, next to the bundle this code runs from (dist/ -> bin/). */
export function builtBin(): string {
  const bin = fileURLToPath(new URL('../bin/rustybt.js', import.meta.url));
  if (!existsSync(bin)) throw new CliError(`the built rustybt bin is not at ${bin}. Run 'npm run build' and run docs-audit --run from the built CLI`);
  return bin;
}

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/**
 * A sandbox under the system temp folder (0700, like every folder mkdtemp makes): `home/` is
 * RUSTYBT_HOME (0700), `work/` the working folder, `bin/rustybt` a shim running the built CLI
 * with this Node. The environment drops RUSTYBT_* and venue credentials of the caller, so a doc
 * runs as on a fresh machine.
 */
export function createSandbox(docsRoot: string, bin = builtBin()): Sandbox {
  const root = mkdtempSync(join(tmpdir(), 'rustybt-docs-run-'));
  const home = join(root, 'home');
  const work = join(root, 'work');
  const binDir = join(root, 'bin');
  for (const dir of [home, work, binDir]) mkdirSync(dir, { mode: 0o700 });
  writeFileSync(join(binDir, 'rustybt'), `#!/bin/sh\nexec ${quote(process.execPath)} ${quote(bin)} "$@"\n`, { mode: 0o700 });
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^RUSTYBT_/.test(key) || /_API_(KEY|SECRET|PASSWORD)$/.test(key) || key === 'FORCE_COLOR') continue;
    env[key] = value;
  }
  Object.assign(env, {
    PATH: [binDir, process.env.PATH ?? ''].join(delimiter),
    RUSTYBT_HOME: home,
    DOCS_ROOT: docsRoot,
    NO_COLOR: '1',
    TZ: 'UTC',
  });
  return { root, home, work, env, dispose: () => rmSync(root, { recursive: true, force: true, maxRetries: 5 }) };
}
