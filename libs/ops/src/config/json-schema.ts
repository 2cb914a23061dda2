import { z } from 'zod';
import { configSchema } from './schema';

/** JSON Schema of config.yaml, for editor completion (yaml-language-server). */
export function configJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(configSchema, { io: 'input', target: 'draft-2020-12' }),
    title: 'RustyBT configuration (config.yaml)',
  };
}
