import type { Command } from 'commander';

export function registerStatus(program: Command) {
  program
    .command('status')
    .description('show a paper-trading session: running or not, uptime, positions, open orders, recent fills, equity')
    .option('--session <name>', 'session name (default: the only session, or the most recently active one)')
    .option('--url <url>', "the runner's HTTP endpoint, e.g. http://127.0.0.1:9464 (default: the one the session recorded)")
    .option('--token <token>', "bearer token for a runner whose API needs one (default: $RUSTYBT_API_TOKEN; see 'rustybt generate-api-token')")
    .option('--output <file>', 'write the report to a file instead of stdout')
    .action(async (opts: { session?: string; url?: string; token?: string; output?: string }, cmd: Command) => {
      const { runStatus } = await import('../paper/run-status');
      await runStatus(opts, cmd);
    });
}
