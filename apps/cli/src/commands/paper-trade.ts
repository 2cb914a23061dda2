import { type Command, Option } from 'commander';

const collect = (value: string, previous: string[] = []) => [...previous, value];

export function registerPaperTrade(program: Command) {
  program
    .command('paper-trade')
    .description('run a strategy on a live or replayed feed with the paper broker: heartbeat logs, durable state, /health and /metrics; Ctrl-C stops it')
    .requiredOption('--strategy <file>', 'strategy file (.ts or .js)')
    .addOption(new Option('--broker <name>', 'broker that executes the orders').choices(['paper']).default('paper'))
    .option('--data <source>', 'market data: sim (seeded live market), replay:sim or replay:csv:<file-or-dir> (recorded bars played as a live feed)', 'sim')
    .option('--symbol <symbol>', 'symbol to trade', 'SIM')
    .option('--duration <time>', 'stop after this long, e.g. 30d, 12h, 15m (default: until stopped)')
    .option('--session <name>', 'session name; running the same session again resumes it (default: the strategy file name)')
    .option('--log-dir <dir>', 'heartbeat log directory (default: $RUSTYBT_HOME/logs)')
    .option('--heartbeat <interval>', 'heartbeat interval, e.g. 10s', '10s')
    .option('--port <port>', 'HTTP port on 127.0.0.1 for /health, /metrics and /status; 0 picks a free one', '0')
    .option('--capital <amount>', 'starting cash of a new session', '10000')
    .option('--param <key=value>', 'strategy parameter (repeatable)', collect)
    .option('--speed <factor>', 'market milliseconds per wall millisecond (60 = a minute per second; max = no pause); default one bar per second')
    .addHelpText('after', '\nThe global --log-level sets which order, risk and error events are logged; heartbeats and session events are always written.\n')
    .action(async (opts: Record<string, unknown>, cmd: Command) => {
      const { runPaperTrade } = await import('../paper/run-paper-trade');
      await runPaperTrade(opts, cmd);
    });
}
