import type { WatchFlags } from '../alerts/watch-flags';
import type { Command } from 'commander';

export function registerWatch(program: Command) {
  program
    .command('watch')
    .description("watch a session's heartbeats from beside the runner: alert when they stop for longer than --stale, and once more when they resume")
    .requiredOption('--session <name>', 'the session to watch')
    .option('--stale <duration>', 'silence after the last heartbeat that counts as down, e.g. 60s, 5m', '60s')
    .option('--once', 'check once and exit (for a systemd timer): 0 up, 1 down; the last state is kept in $RUSTYBT_HOME/state/<session>.watch.json')
    .option('--log-dir <dir>', 'directory of the heartbeat logs (default: logDir of config.yaml, else $RUSTYBT_HOME/logs)')
    .addHelpText(
      'after',
      '\nAlerts go through the channels of config.yaml (alerts.channels), queued in $RUSTYBT_HOME/state/<session>.watch.alerts.db.\nExit status (--once): 0 up or stopped on purpose, 1 down, 2 bad flags, no channels or no heartbeat of the session.\n',
    )
    .action(async (opts: WatchFlags, cmd: Command) => {
      const { runWatch } = await import('../alerts/run-watch');
      await runWatch(opts, cmd);
    });
}
