import type { Command } from 'commander';

export function registerEncryptCredentials(program: Command) {
  program
    .command('encrypt-credentials')
    .description(
      "store a venue's API key, secret and optional passphrase encrypted in $RUSTYBT_HOME/config/credentials.enc (AES-256-GCM, key from $RUSTYBT_ENCRYPTION_KEY)",
    )
    .option(
      '--broker <id>',
      'ccxt exchange id to store credentials for: a hidden prompt on a terminal, else two or three lines on stdin (key, secret, passphrase)',
    )
    .option('--from-env', 'take them from <EXCHANGE>_API_KEY / <EXCHANGE>_API_SECRET / <EXCHANGE>_API_PASSWORD instead')
    .option('--verify', 'run the test-broker connectivity and authentication checks with the new credentials first; keep the stored ones if they fail')
    .option('--testnet', "--verify against the venue's sandbox")
    .option('--api-url <url>', '--verify against this base URL (a proxy, a testnet, the local exchange-sim)')
    .option('--timeout <ms>', '--verify per-request timeout in milliseconds', '10000')
    .option('--list', 'list the stored venues with masked keys (first 4 and last 4 characters)')
    .option('--remove <id>', "delete one venue's credentials")
    .addHelpText('after', '\nExit status: 0 done, 1 --verify failed (nothing changed), 2 bad input, no or wrong key, damaged store.\n')
    .action(async (opts: Record<string, unknown>, cmd: Command) => {
      const { runEncryptCredentials } = await import('../secrets/run-encrypt-credentials');
      await runEncryptCredentials(opts, cmd);
    });
}
