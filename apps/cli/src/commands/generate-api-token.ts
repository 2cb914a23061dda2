import type { Command } from 'commander';

export function registerGenerateApiToken(program: Command) {
  program
    .command('generate-api-token')
    .description("issue a bearer token (JWT, HS256) for the runner's HTTP API, revoke one, or list the unexpired ones")
    .option('--scope <scope>', 'read (status, metrics), trade (also halt and resume) or admin', 'read')
    .option('--ttl <time>', 'lifetime from 1m to 90d, e.g. 15m, 12h, 7d', '12h')
    .option('--subject <name>', 'who the token is for, shown in logs and --list (default: $USER)')
    .option('--revoke <jti>', 'revoke a token by its id; runners refuse it from their next request')
    .option('--list', 'list unexpired tokens issued here: id, scope, subject, expiry (never the token)')
    .addHelpText('after', '\nThe secret is $RUSTYBT_API_SECRET, else $RUSTYBT_HOME/config/api-secret (created 0600 on first use).\n')
    .action(async (opts: Record<string, unknown>, cmd: Command) => {
      const { runGenerateApiToken } = await import('../secrets/run-generate-api-token');
      await runGenerateApiToken(opts, cmd);
    });
}
