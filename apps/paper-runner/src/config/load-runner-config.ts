import { loadConfig, type LoadConfigOptions, type LoadedConfig } from '@rustybt/ops';
import { configSchema, type RustybtConfig } from './schema';

/** Sections a `.env` may not set: risk limits come only from config.yaml or flags (docs/paper-trading.md). */
export const NOT_FROM_DOTENV = ['risk'] as const;

export type LoadedRunnerConfig = LoadedConfig<RustybtConfig>;

/** config.yaml, .env and RUSTYBT_* variables as `rustybt` and the runner bin both read them. */
export function loadRunnerConfig(options: Omit<LoadConfigOptions, 'notFromDotenv'> = {}): LoadedRunnerConfig {
  return loadConfig(configSchema, { ...options, notFromDotenv: NOT_FROM_DOTENV });
}
