import type { CommandSpec, OptionSpec } from './cli-spec-schema';

export const option = (flags: string, extra: Partial<OptionSpec> = {}): OptionSpec => {
  const long = /--[\w-]+/.exec(flags)?.[0];
  const short = /(^|\s)(-\w)\b/.exec(flags)?.[2];
  return {
    flags,
    ...(long ? { long } : {}),
    ...(short ? { short } : {}),
    description: '',
    takesValue: /[<[]/.test(flags),
    required: false,
    variadic: flags.includes('...'),
    negate: flags.startsWith('--no-'),
    ...extra,
  };
};

const command = (name: string, path: string, parts: Partial<CommandSpec> = {}): CommandSpec => ({
  name,
  path,
  description: '',
  aliases: [],
  hidden: false,
  options: [],
  arguments: [],
  commands: [],
  ...parts,
});

/** A small tree shaped like rustybt's, for the checker's tests. */
export const spec: CommandSpec = command('rustybt', 'rustybt', {
  options: [option('--json'), option('--log-level <level>', { choices: ['error', 'info'] })],
  commands: [
    command('backtest', 'rustybt backtest', {
      options: [option('--strategy <file>'), option('--fill-at <model>', { choices: ['next-open', 'close'] }), option('--param <kv...>'), option('--no-cache')],
    }),
    command('benchmark', 'rustybt benchmark', {
      options: [option('--suite <name>', { choices: ['backtest', 'startup'] })],
      commands: [
        command('compare', 'rustybt benchmark compare', {
          arguments: [
            { name: 'base', description: '', required: true, variadic: false },
            { name: 'head', description: '', required: true, variadic: false },
          ],
        }),
      ],
    }),
  ],
});
