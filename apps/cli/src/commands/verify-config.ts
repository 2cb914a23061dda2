import type { Command } from 'commander';

export function registerVerifyConfig(program: Command) {
  program
    .command('verify-config')
    .description(
      'check the configuration before trading: schema, .env, file modes, the credential store, plaintext secrets, risk limits, disk, calendar, API secret; PASS/WARN/FAIL per check',
    )
    .option('--online', 'also run the test-broker checks against every venue with credentials (authentication, permissions, clock skew)')
    .option('--live', 'judge for a live session: maxNotionalPerOrder and maxDailyLoss must be set in config.yaml')
    .option('--api-url <url>', '--online: send venue requests to this base URL (a proxy, a testnet, the local exchange-sim)')
    .option('--testnet', "--online: use the venues' sandboxes")
    .option('--output <file>', 'write the report to a file instead of stdout')
    .addHelpText('after', '\nExit status: 0 no check failed (warnings allowed), 1 a check failed, 2 bad flags.\n')
    .action(async (opts: Record<string, unknown>, cmd: Command) => {
      const { runVerifyConfig } = await import('../secrets/run-verify-config');
      await runVerifyConfig(opts, cmd);
    });
}
