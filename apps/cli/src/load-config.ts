import type { Command } from 'commander';
import { loadRunnerConfig, type LoadedRunnerConfig } from '@rustybt/paper-runner/config';
import { globalsOf } from './globals';

/** Config for a command: global flags that are config keys are the top layer. */
export function loadEffectiveConfig(cmd: Command, flags: Record<string, unknown> = {}): LoadedRunnerConfig {
  const globals = globalsOf(cmd);
  return loadRunnerConfig({
    ...(globals.config ? { configFile: globals.config } : {}),
    flags: { ...(globals.logLevel ? { logLevel: globals.logLevel } : {}), ...flags },
  });
}
