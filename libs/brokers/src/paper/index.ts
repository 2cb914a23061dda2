export { PaperBroker } from './paper-broker';
export {
  commissionSchema,
  latencySchema,
  paperBrokerConfigSchema,
  slippageSchema,
  type PaperBrokerConfig,
  type PaperBrokerConfigInput,
} from './config';
export { matchClose, matchNextOpen, type MatchResult } from './match';
