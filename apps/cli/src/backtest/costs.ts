import type { Command } from 'commander';
import { resolvePaperConfig, type PaperBrokerConfig } from '@rustybt/brokers';
import type { LoadedRunnerConfig } from '@rustybt/paper-runner/config';
import type { BacktestFlags } from './backtest-flags';

/**
 * The paper broker of a backtest: cost and fill flags over config.yaml's `paper:` section over the
 * broker's defaults. The latency seed is --seed when given, else paper.seed when the file sets it,
 * else --seed's default, so one --seed still reproduces a whole run.
 */
export function brokerConfigFor(flags: BacktestFlags, cmd: Command, loaded: LoadedRunnerConfig, seed: number): PaperBrokerConfig {
  const seedFromFile = cmd.getOptionValueSource('seed') !== 'cli' && loaded.sources['paper.seed'] !== undefined;
  return resolvePaperConfig(loaded.config.paper, {
    ...(flags.slippage !== undefined ? { slippage: flags.slippage } : {}),
    ...(flags.commission !== undefined ? { commission: flags.commission } : {}),
    ...(flags.latency !== undefined ? { latency: flags.latency } : {}),
    ...(flags.volumeLimit !== undefined ? { volumeLimit: flags.volumeLimit } : {}),
    ...(flags.allowShort !== undefined ? { allowShort: flags.allowShort } : {}),
    ...(flags.fillAt !== undefined ? { fillAt: flags.fillAt } : {}),
    ...(seedFromFile ? {} : { seed }),
  });
}
