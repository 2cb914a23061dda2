import { type Command, Option } from 'commander';
import { flagsFor, helpOf, type FlagCommand } from '@rustybt/paper-runner/flags';

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** The runner's flags of paper-trade or live-trade (the same runner underneath), from its one table. */
export function addRunnerFlags(cmd: Command, command: Extract<FlagCommand, 'paper-trade' | 'live-trade'>): Command {
  for (const f of flagsFor(command)) {
    const option = new Option(`--${f.name}${f.value ? ` ${f.value}` : ''}`, helpOf(f, command));
    if (f.choices) option.choices(f.choices);
    if (f.type === 'list') option.argParser(collect);
    if (f.default !== undefined) option.default(f.default);
    if (f.required?.includes(command)) option.makeOptionMandatory();
    cmd.addOption(option);
  }
  return cmd;
}
