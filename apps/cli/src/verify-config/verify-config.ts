import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { resolveHome } from '@rustybt/ops';
import { configSchema, loadRunnerConfig } from '@rustybt/paper-runner/config';
import { skip, type ConfigCheck } from './check';
import { alertsCheck, calendarCheck, diskCheck, logDirCheck, riskCheck, schemaCheck } from './config-checks';
import { dotenvCheck } from './dotenv-syntax';
import { modeChecks, modeTargets } from './mode-checks';
import { onlineChecks } from './online-checks';
import { apiSecretCheck, gitignoreCheck, plaintextCheck, storeCheck } from './secret-checks';

export interface VerifyConfigOptions {
  /** --config; default <home>/config/config.yaml. */
  configFile?: string;
  env?: Record<string, string | undefined>;
  cwd?: string;
  /** Judge as for a live session: the required risk limits must be set in config.yaml. */
  live?: boolean;
  /** Also reach every configured venue (the test-broker checks). */
  online?: boolean;
  apiUrl?: string;
  testnet?: boolean;
}

/**
 * Every verify-config check, in order, as data: the `verify-config` command prints them and the
 * `validate` command's security validator reports them. Nothing here prints, exits or writes
 * (the log-directory probe creates and removes one empty file). Secrets never reach a check's text.
 */
export async function verifyConfig(o: VerifyConfigOptions = {}): Promise<ConfigCheck[]> {
  const env = o.env ?? process.env;
  const cwd = o.cwd ?? process.cwd();
  const layout = resolveHome(env as NodeJS.ProcessEnv);
  const { check: schema, loaded } = schemaCheck(() =>
    loadRunnerConfig({ ...(o.configFile ? { configFile: o.configFile } : {}), env: env as NodeJS.ProcessEnv, cwd }),
  );
  const dotenvFiles = [join(layout.config, '.env'), join(cwd, '.env')].filter((p) => existsSync(p));
  const home = loaded?.layout ?? layout;
  const fullEnv = loaded?.env ?? env;
  const logDir = loaded?.config.logDir ?? home.logs;
  const checks: ConfigCheck[] = [schema];
  checks.push(...(dotenvFiles.length ? dotenvFiles.map(dotenvCheck) : [skip('dotenv.syntax', '.env syntax', 'no .env file')]));
  checks.push(...modeChecks(modeTargets(home, dotenvFiles, logDir)));
  const store = storeCheck(home, fullEnv);
  checks.push(store.check);
  checks.push(
    plaintextCheck({
      storeExists: store.exists,
      ...(store.contents ? { contents: store.contents } : {}),
      configFile: loaded?.configFile ?? join(home.config, 'config.yaml'),
      dotenvFiles,
      cwd,
    }),
  );
  checks.push(gitignoreCheck(cwd));
  if (loaded) {
    checks.push(riskCheck(loaded, o.live === true));
    checks.push(alertsCheck(loaded, Object.keys(configSchema.shape)));
  } else {
    checks.push(
      skip('risk.limits', 'risk limits', 'config.yaml must pass the schema first'),
      skip('alerts.channels', 'alert channels', 'config.yaml must pass the schema first'),
    );
  }
  checks.push(logDirCheck(logDir), diskCheck(home.home), await calendarCheck());
  const api = (loaded?.config as { api?: { auth?: string } } | undefined)?.api;
  checks.push(apiSecretCheck(home, fullEnv, api?.auth === 'required'));
  if (o.online)
    checks.push(
      ...(await onlineChecks({
        env: fullEnv,
        ...(store.contents ? { store: store.contents } : {}),
        ...(o.apiUrl ? { apiUrl: o.apiUrl } : {}),
        ...(o.testnet ? { testnet: true } : {}),
      })),
    );
  return checks;
}
