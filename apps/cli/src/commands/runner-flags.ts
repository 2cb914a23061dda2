import { type Command, Option } from 'commander';

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** The runner's flags, shared by paper-trade and live-trade (the same runner underneath). */
export function addRunnerFlags(cmd: Command): Command {
  return cmd
    .option('--data <source>', "market data: sim (seeded live market), replay:sim or replay:csv:<file-or-dir> (recorded bars played as a live feed), yahoo (Yahoo's bars as they close), ccxt:<exchange> (the venue's live bars) (default: sim, or ccxt:<broker> for a venue)")
    .option('--symbol <symbol>', 'symbol to trade (default: SIM, SPY with yahoo data, BTC/USDT with ccxt data)')
    .addOption(new Option('--interval <interval>', 'bar interval of the feed (sim, replay:sim and ccxt data; a CSV replay plays its own bars)').choices(['1m', '5m', '15m', '30m', '1h', '4h', '1d', '1w']).default('1m'))
    .option('--duration <time>', 'stop after this long, e.g. 30d, 12h, 15m (default: until stopped)')
    .option('--session <name>', 'session name; running the same session again resumes it (default: the strategy file name)')
    .option('--log-dir <dir>', 'heartbeat log directory (default: $RUSTYBT_HOME/logs)')
    .option('--heartbeat <interval>', 'heartbeat interval, e.g. 10s', '10s')
    .option('--port <port>', 'HTTP port on 127.0.0.1 for /health, /metrics and /status; 0 picks a free one', '0')
    .option('--capital <amount>', 'starting cash of a new session (at a venue: taken from the free quote balance)', '10000')
    .option('--param <key=value>', 'strategy parameter (repeatable)', collect)
    .option('--speed <factor>', 'market milliseconds per wall millisecond (60 = a minute per second; max = no pause); default one bar per second')
    .option('--testnet', "venue broker: use the venue's sandbox")
    .option('--api-url <url>', 'venue broker and ccxt data: send every request to this base URL (a proxy, a testnet, the local exchange-sim)')
    .addOption(new Option('--reconcile <policy>', 'venue broker, resumed session: what a mismatch with the venue does at start').choices(['stop', 'adopt-venue']).default('stop'));
}
