import type { Command } from 'commander';
import { loadConfig, type LoadedConfig } from '@rustybt/ops';
import { globalsOf } from './globals';

/** Config for a command: global flags that are config keys are the top layer. */
export function loadEffectiveConfig(cmd: Command, flags: Record<string, unknown> = {}): LoadedConfig {
  const globals = globalsOf(cmd);
  return loadConfig({
    ...(globals.config ? { configFile: globals.config } : {}),
    flags: { ...(globals.logLevel ? { logLevel: globals.logLevel } : {}), ...flags },
  });
}
