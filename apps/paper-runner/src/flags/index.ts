// A light entry (`@rustybt/paper-runner/flags`): the CLI builds --help from the table without loading the runner.
export {
  RUNNER_FLAGS,
  INTERVAL_CHOICES,
  RECONCILE_POLICIES,
  LOG_LEVELS,
  flagsFor,
  helpOf,
  type FlagSpec,
  type FlagCommand,
  type RunnerFlagValues,
} from './flag-table';
export { usageOf, parseArgsOptions } from './bin-usage';
