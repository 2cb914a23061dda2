import type { Command } from 'commander';

const SESSION = 'session name (default: the most recently active one)';
const URL_HELP = "the runner's HTTP endpoint (default: the one the running session recorded on this host)";
const TOKEN = "bearer token with scope trade (default: $RUSTYBT_API_TOKEN, else one minted from this host's API secret for a loopback runner)";

export function registerHalt(program: Command) {
  program
    .command('halt')
    .description('kill switch: move a running session to HALTED (no new orders) through its HTTP API')
    .option('--session <name>', SESSION)
    .option('--url <url>', URL_HELP)
    .option('--token <token>', TOKEN)
    .option('--cancel-open', 'also cancel the open orders (default: keep them)')
    .action(async (opts: Record<string, unknown>, cmd: Command) => {
      const { runKillSwitch } = await import('../secrets/run-kill-switch');
      await runKillSwitch('halt', opts, cmd);
    });
}

export function registerResume(program: Command) {
  program
    .command('resume')
    .description('lift a halt: the session trades again')
    .option('--session <name>', SESSION)
    .option('--url <url>', URL_HELP)
    .option('--token <token>', TOKEN)
    .action(async (opts: Record<string, unknown>, cmd: Command) => {
      const { runKillSwitch } = await import('../secrets/run-kill-switch');
      await runKillSwitch('resume', opts, cmd);
    });
}
