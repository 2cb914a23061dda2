import type { Command } from 'commander';
import { addRunnerFlags } from './runner-flags';

export function registerLiveTrade(program: Command) {
  const cmd = program
    .command('live-trade')
    .description("run a strategy with real orders at a venue: the paper-trade runner with a ccxt broker, after the test-broker checks; refuses without --confirm and explicit risk limits")
    .requiredOption('--strategy <file>', 'strategy file (.ts or .js)')
    .requiredOption('--broker <exchange>', 'ccxt exchange id (binance, bybit, ...); credentials from <EXCHANGE>_API_KEY / <EXCHANGE>_API_SECRET')
    .option('--confirm', 'yes, place real orders (on a terminal you are also asked to type the exchange name)')
    .option('--max-notional-per-order <amount>', 'risk limit: largest quantity x price of one opening order (or config risk.maxNotionalPerOrder)')
    .option('--max-daily-loss <fraction>', "risk limit: loss since the start of the UTC day, as a fraction of that day's starting equity, that stops new opening orders (or config risk.maxDailyLoss)");
  addRunnerFlags(cmd)
    .addHelpText(
      'after',
      '\nRequired: --confirm, credentials, passing test-broker checks, and explicit maxNotionalPerOrder and maxDailyLoss (flags or the config file\'s risk section).\nExit status: 0 stopped, 1 checks failed or reconciliation mismatch or the run failed, 2 refused for bad or missing input.\n',
    )
    .action(async (opts: Record<string, unknown>, command: Command) => {
      const { runLiveTrade } = await import('../live/run-live-trade');
      await runLiveTrade(opts, command);
    });
}
