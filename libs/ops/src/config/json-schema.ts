import { z } from 'zod';

/** JSON Schema of a config file, for editor completion (yaml-language-server). */
export function configJsonSchema(schema: z.ZodType, title: string): Record<string, unknown> {
  return {
    ...z.toJSONSchema(schema, { io: 'input', target: 'draft-2020-12' }),
    title,
  };
}
