import type { AlertsConfig } from '@rustybt/alerts';
import type { LoadedRunnerConfig } from '@rustybt/paper-runner/config';
import { CliError } from '../errors';

/** The alerts section of the loaded config; no channel at all is an input error naming the file and key. */
export function configuredChannels(loaded: LoadedRunnerConfig): AlertsConfig {
  const alerts = loaded.config.alerts;
  if (!alerts || alerts.channels.length === 0) {
    const where = loaded.configFile ?? `${loaded.layout.config}/config.yaml (not found)`;
    throw new CliError(`no alert channels in ${where}: alerts.channels is empty. Add a channel (docs/alerts.md) or pass --config`);
  }
  return alerts;
}
