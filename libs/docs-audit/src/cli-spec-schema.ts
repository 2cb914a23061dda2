import { z } from 'zod';

export const optionSpecSchema = z.object({
  flags: z.string(),
  long: z.string().optional(),
  short: z.string().optional(),
  description: z.string(),
  takesValue: z.boolean(),
  required: z.boolean(),
  variadic: z.boolean(),
  negate: z.boolean(),
  choices: z.array(z.string()).readonly().optional(),
  default: z.unknown().optional(),
});

export const argumentSpecSchema = z.object({
  name: z.string(),
  description: z.string(),
  required: z.boolean(),
  variadic: z.boolean(),
  choices: z.array(z.string()).readonly().optional(),
});

export type OptionSpec = z.infer<typeof optionSpecSchema>;
export type ArgumentSpec = z.infer<typeof argumentSpecSchema>;

export interface CommandSpec {
  name: string;
  path: string;
  description: string;
  aliases: string[];
  hidden: boolean;
  options: OptionSpec[];
  arguments: ArgumentSpec[];
  commands: CommandSpec[];
}

/** A CLI's command tree, as `rustybt cli-spec` prints it. */
export const commandSpecSchema: z.ZodType<CommandSpec> = z.lazy(() =>
  z.object({
    name: z.string(),
    path: z.string(),
    description: z.string(),
    aliases: z.array(z.string()),
    hidden: z.boolean(),
    options: z.array(optionSpecSchema),
    arguments: z.array(argumentSpecSchema),
    commands: z.array(commandSpecSchema),
  }),
);
