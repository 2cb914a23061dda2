// A light entry (`@rustybt/paper-runner/config`): commands that only read configuration do not load the runner.
export { configSchema, type RustybtConfig, type RustybtConfigInput } from './schema';
export { loadRunnerConfig, NOT_FROM_DOTENV, type LoadedRunnerConfig } from './load-runner-config';
export { configFileJsonSchema } from './json-schema';
export { effectiveLimits, deliberateLimits, formatLimits, isDeliberate, type EffectiveLimit } from './effective-limits';
