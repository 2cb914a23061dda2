import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { resolveHome } from '@rustybt/ops';
import { loadRunnerConfig } from '@rustybt/paper-runner/config';
import type { ValidateSetup } from '../setup';

export const REPO_ROOT = fileURLToPath(new URL('../../../../../', import.meta.url));
export const SMA_EXAMPLE = join(REPO_ROOT, 'examples', 'sma-crossover.ts');

export interface TempHome {
  home: string;
  setup: (over?: Partial<ValidateSetup>) => ValidateSetup;
  cleanup: () => void;
}

/** A fresh RUSTYBT_HOME (0700) with an optional config.yaml, and setups of validators over it. */
export function tempHome(configYaml?: string): TempHome {
  const home = mkdtempSync(join(tmpdir(), 'rustybt-validate-test-'));
  const env = { PATH: process.env.PATH, HOME: process.env.HOME, RUSTYBT_HOME: home } as NodeJS.ProcessEnv;
  const layout = resolveHome(env);
  for (const d of [layout.config, layout.state, layout.logs]) mkdirSync(d, { recursive: true, mode: 0o700 });
  if (configYaml !== undefined) writeFileSync(join(layout.config, 'config.yaml'), configYaml, { mode: 0o600 });
  return {
    home,
    setup: (over = {}) => {
      const loaded = loadRunnerConfig({ env, cwd: home });
      return { env: loaded.env, layout, loaded, cwd: home, strategyFile: SMA_EXAMPLE, params: [], data: 'sim', symbol: 'SIM', version: '0.0.0-test', ...over };
    },
    cleanup: () => rmSync(home, { recursive: true, force: true }),
  };
}
