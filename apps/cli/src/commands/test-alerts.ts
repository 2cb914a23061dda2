import type { TestAlertsFlags } from '../alerts/test-alerts-flags';
import type { Command } from 'commander';

export function registerTestAlerts(program: Command) {
  program
    .command('test-alerts')
    .description('send a test alert through every configured alert channel (or one); PASS/FAIL per channel with the SMTP reply or HTTP status and the latency')
    .option('--channel <name>', 'test only this channel (a name under alerts.channels in config.yaml)')
    .addHelpText(
      'after',
      '\nChannels come from the alerts section of config.yaml (--config); secrets from the environment variables it names.\nExit status: 0 every channel delivered, 1 a channel failed, 2 no channels or a bad config.\n',
    )
    .action(async (opts: TestAlertsFlags, cmd: Command) => {
      const { runTestAlerts } = await import('../alerts/run-test-alerts');
      await runTestAlerts(opts, cmd);
    });
}
