import type { Command } from 'commander';
import { secretValuesFromEnv } from '@rustybt/core';
import { loadRunnerConfig, type LoadedRunnerConfig } from '@rustybt/paper-runner/config';
import { globalsOf } from './globals';
import { knowSecrets } from './stderr-redaction';

/** Config for a command: global flags that are config keys are the top layer. */
export function loadEffectiveConfig(cmd: Command, flags: Record<string, unknown> = {}): LoadedRunnerConfig {
  const globals = globalsOf(cmd);
  const loaded = loadRunnerConfig({
    ...(globals.config ? { configFile: globals.config } : {}),
    flags: { ...(globals.logLevel ? { logLevel: globals.logLevel } : {}), ...flags },
  });
  // A .env file's secrets (BINANCE_API_SECRET=...) are known to stderr's redactor from here on.
  knowSecrets(secretValuesFromEnv(loaded.env));
  return loaded;
}
