import type { Command } from 'commander';
import { describeCommand } from '../cli-spec';

export function registerCliSpec(program: Command) {
  program
    .command('cli-spec', { hidden: true })
    .description('print the whole command tree (commands, options, arguments, choices) as JSON')
    .action(() => {
      // JSON whether or not --json is given: the only consumer is a program.
      process.stdout.write(`${JSON.stringify(describeCommand(program), null, 2)}\n`);
    });
}
