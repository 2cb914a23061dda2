import { configJsonSchema } from '@rustybt/ops';
import { configSchema } from './schema';

/** JSON Schema of config.yaml, printed by `rustybt config schema`. */
export const configFileJsonSchema = (): Record<string, unknown> => configJsonSchema(configSchema, 'RustyBT configuration (config.yaml)');
