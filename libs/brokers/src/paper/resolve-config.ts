import { paperBrokerConfigSchema, type PaperBrokerConfig, type PaperBrokerConfigInput } from './config';
import { parseCommission, parseLatency, parseSlippage, parseVolumeLimit } from './model-spec';

/** The cost and fill flags of `rustybt backtest` and `rustybt paper-trade`, as typed (absent = not given). */
export interface PaperModelFlags {
  slippage?: string;
  commission?: string;
  latency?: string;
  volumeLimit?: string;
  allowShort?: boolean;
  fillAt?: 'next-open' | 'close';
  seed?: number;
}

/**
 * The paper broker's settings: flags over the config file's `paper:` section over the defaults.
 * A flag replaces its whole model (a `--slippage volume-share:0.2` does not inherit the file's
 * `bps`). Throws ModelSpecError (exit 2, naming the flag) for a bad model string.
 */
export function resolvePaperConfig(fromFile: PaperBrokerConfigInput | undefined, flags: PaperModelFlags): PaperBrokerConfig {
  const merged: PaperBrokerConfigInput = { ...fromFile };
  if (flags.slippage !== undefined) merged.slippage = parseSlippage(flags.slippage);
  if (flags.commission !== undefined) merged.commission = parseCommission(flags.commission);
  if (flags.latency !== undefined) merged.latency = parseLatency(flags.latency);
  if (flags.volumeLimit !== undefined) merged.volumeLimit = parseVolumeLimit(flags.volumeLimit);
  if (flags.allowShort !== undefined) merged.allowShort = flags.allowShort;
  if (flags.fillAt !== undefined) merged.fillAt = flags.fillAt;
  if (flags.seed !== undefined) merged.seed = flags.seed;
  return paperBrokerConfigSchema.parse(merged);
}
