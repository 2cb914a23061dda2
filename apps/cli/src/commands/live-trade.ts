import type { Command } from 'commander';
import { addRunnerFlags } from './runner-flags';

export function registerLiveTrade(program: Command) {
  const cmd = program
    .command('live-trade')
    .description(
      'run a strategy with real orders at a venue: the paper-trade runner with a ccxt broker, after the test-broker checks; refuses without --confirm and explicit risk limits',
    );
  addRunnerFlags(cmd, 'live-trade')
    .addHelpText(
      'after',
      "\nRequired: --confirm, credentials, passing test-broker checks, and explicit maxNotionalPerOrder and maxDailyLoss (flags or the config file's risk section).\nExit status: 0 stopped, 1 checks failed or reconciliation mismatch or the run failed, 2 refused for bad or missing input.\n",
    )
    .action(async (opts: Record<string, unknown>, command: Command) => {
      const { runLiveTrade } = await import('../live/run-live-trade');
      await runLiveTrade(opts, command);
    });
}
