export { PaperBroker } from './paper-broker';
export { commissionSchema, latencySchema, paperBrokerConfigSchema, slippageSchema, type PaperBrokerConfig, type PaperBrokerConfigInput } from './config';
export { matchClose, matchNextOpen, type MatchResult } from './match';
export {
  COMMISSION_FORMS,
  LATENCY_FORMS,
  ModelSpecError,
  SLIPPAGE_FORMS,
  describeCommission,
  describeLatency,
  describeSlippage,
  parseCommission,
  parseLatency,
  parseSlippage,
  parseVolumeLimit,
} from './model-spec';
export { resolvePaperConfig, type PaperModelFlags } from './resolve-config';
