import type { Command } from 'commander';
import { addRunnerFlags } from './runner-flags';

export function registerPaperTrade(program: Command) {
  const cmd = program
    .command('paper-trade')
    .description(
      'run a strategy on a live or replayed feed with the paper broker (or a venue testnet): heartbeat logs, durable state, /health and /metrics; Ctrl-C stops it',
    );
  addRunnerFlags(cmd, 'paper-trade')
    .addHelpText(
      'after',
      "\nThe global --log-level sets which order, risk and error events are logged; heartbeats and session events are always written.\nRisk limits come from the config file's risk section.\n",
    )
    .action(async (opts: Record<string, unknown>, command: Command) => {
      const { runPaperTrade } = await import('../paper/run-paper-trade');
      await runPaperTrade(opts, command);
    });
}
