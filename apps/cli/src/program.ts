import { Command, Option } from 'commander';
import { commands } from './commands/index';
import { version } from './version';

/**
 * The whole command tree. Building it loads only commander and the small command definition
 * files; each command imports its implementation when it runs.
 */
export function createProgram(): Command {
  const program = new Command('rustybt')
    .description('Backtest, paper trade and prove a trading system ready: uptime, benchmarks, pre-flight checks.')
    .version(version, '-V, --version', 'print the version')
    .option('--json', 'machine-readable output on stdout', false)
    .option('--debug', 'print stack traces on errors', false)
    .addOption(new Option('--log-level <level>', 'diagnostic verbosity').choices(['error', 'warn', 'info', 'debug']))
    .option('--config <file>', 'config file (default: $RUSTYBT_HOME/config/config.yaml)')
    .helpOption('-h, --help', 'show help')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({ outputError: () => {} });
  for (const register of commands) register(program);
  return program;
}
