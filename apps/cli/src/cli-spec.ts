import type { Argument, Command, Option } from 'commander';
import type { ArgumentSpec, CommandSpec, OptionSpec } from '@rustybt/docs-audit';

/** The command tree as commander itself holds it: what the docs audit checks the docs against. */
export function describeCommand(cmd: Command, parentPath = ''): CommandSpec {
  const path = parentPath ? `${parentPath} ${cmd.name()}` : cmd.name();
  return {
    name: cmd.name(),
    path,
    description: cmd.description(),
    aliases: cmd.aliases(),
    hidden: (cmd as unknown as { _hidden?: boolean })._hidden === true,
    options: cmd.options.filter((o) => !o.hidden).map(describeOption),
    arguments: cmd.registeredArguments.map(describeArgument),
    commands: cmd.commands.map((sub) => describeCommand(sub, path)),
  };
}

function describeOption(o: Option): OptionSpec {
  return {
    flags: o.flags,
    ...(o.long ? { long: o.long } : {}),
    ...(o.short ? { short: o.short } : {}),
    description: o.description,
    takesValue: o.required || o.optional,
    required: o.mandatory,
    variadic: o.variadic,
    negate: o.negate,
    ...(o.argChoices ? { choices: o.argChoices } : {}),
    ...(o.defaultValue !== undefined ? { default: o.defaultValue } : {}),
  };
}

function describeArgument(a: Argument): ArgumentSpec {
  return {
    name: a.name(),
    description: a.description,
    required: a.required,
    variadic: a.variadic,
    ...(a.argChoices ? { choices: a.argChoices } : {}),
  };
}
