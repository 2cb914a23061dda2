/**
 * The runner's flags, defined once. `rustybt paper-trade` / `live-trade` (commander) and the runner's
 * own bin (node:util parseArgs) are both generated from this table, with their help and usage text.
 * Plain data only: the CLI reads it to print --help without loading the runner.
 */

/** Where a flag is offered: the two CLI commands and the supervisor bin (`paper-runner`). */
export type FlagCommand = 'paper-trade' | 'live-trade' | 'runner';

export interface FlagSpec {
  /** Long name without dashes. */
  readonly name: string;
  /** camelCase key in the parsed flags. */
  readonly key: string;
  /** `string` takes a value, `list` may repeat, `boolean` is a switch. */
  readonly type: 'string' | 'list' | 'boolean';
  /** Value placeholder shown in help, e.g. `<file>`. */
  readonly value?: string;
  readonly help: string;
  /** Help that differs per command. */
  readonly helpFor?: Partial<Record<FlagCommand, string>>;
  /** Shown as the default in help; the schema applies the real default (some depend on other flags). */
  readonly default?: string;
  readonly choices?: readonly string[];
  readonly commands: readonly FlagCommand[];
  /** Commands where the flag is required. */
  readonly required?: readonly FlagCommand[];
}

const ALL: readonly FlagCommand[] = ['paper-trade', 'live-trade', 'runner'];

export const INTERVAL_CHOICES = ['1m', '5m', '15m', '30m', '1h', '4h', '1d', '1w'] as const;
export const RECONCILE_POLICIES = ['stop', 'adopt-venue'] as const;
export const LOG_LEVELS = ['error', 'warn', 'info', 'debug'] as const;

export const RUNNER_FLAGS = [
  { name: 'strategy', key: 'strategy', type: 'string', value: '<file>', help: 'strategy file (.ts or .js)', commands: ALL, required: ALL },
  {
    name: 'broker',
    key: 'broker',
    type: 'string',
    value: '<name>',
    help: "paper, or a ccxt exchange id with --testnet or --api-url (credentials from <EXCHANGE>_API_KEY / <EXCHANGE>_API_SECRET or the credential store); real money needs 'rustybt live-trade'",
    helpFor: { 'live-trade': 'ccxt exchange id (binance, bybit, ...); credentials from <EXCHANGE>_API_KEY / <EXCHANGE>_API_SECRET or the credential store' },
    default: 'paper',
    commands: ALL,
    required: ['live-trade'],
  },
  {
    name: 'data',
    key: 'data',
    type: 'string',
    value: '<source>',
    help: "market data: sim (seeded live market), replay:sim or replay:csv:<file-or-dir> (recorded bars played as a live feed), yahoo (Yahoo's bars as they close), ccxt:<exchange> (the venue's live bars) (default: sim, or ccxt:<broker> for a venue)",
    commands: ALL,
  },
  {
    name: 'symbol',
    key: 'symbol',
    type: 'string',
    value: '<symbol>',
    help: 'symbol to trade (default: SIM, SPY with yahoo data, BTC/USDT with ccxt data)',
    commands: ALL,
  },
  {
    name: 'interval',
    key: 'interval',
    type: 'string',
    value: '<interval>',
    help: 'bar interval of the feed (sim, replay:sim and ccxt data; a CSV replay plays its own bars)',
    choices: INTERVAL_CHOICES,
    default: '1m',
    commands: ALL,
  },
  {
    name: 'duration',
    key: 'duration',
    type: 'string',
    value: '<time>',
    help: 'stop after this long, e.g. 30d, 12h, 15m (default: until stopped)',
    commands: ALL,
  },
  {
    name: 'session',
    key: 'session',
    type: 'string',
    value: '<name>',
    help: 'session name; running the same session again resumes it (default: the strategy file name)',
    commands: ALL,
  },
  { name: 'log-dir', key: 'logDir', type: 'string', value: '<dir>', help: 'heartbeat log directory (default: $RUSTYBT_HOME/logs)', commands: ALL },
  // The CLI's global --log-level plays this part for paper-trade and live-trade.
  {
    name: 'log-level',
    key: 'logLevel',
    type: 'string',
    value: '<level>',
    help: 'which order, risk and error events are logged',
    choices: LOG_LEVELS,
    default: 'info',
    commands: ['runner'],
  },
  { name: 'heartbeat', key: 'heartbeat', type: 'string', value: '<interval>', help: 'heartbeat interval, e.g. 10s', default: '10s', commands: ALL },
  {
    name: 'port',
    key: 'port',
    type: 'string',
    value: '<port>',
    help: 'HTTP port on 127.0.0.1 for /health, /metrics and /status; 0 picks a free one',
    default: '0',
    commands: ALL,
  },
  {
    name: 'bind',
    key: 'bind',
    type: 'string',
    value: '<address>',
    help: 'address the HTTP API listens on; beyond loopback (e.g. 0.0.0.0) it needs api: { auth: required } in config.yaml and a strong API secret',
    default: '127.0.0.1',
    commands: ALL,
  },
  {
    name: 'capital',
    key: 'capital',
    type: 'string',
    value: '<amount>',
    help: 'starting cash of a new session (at a venue: taken from the free quote balance)',
    default: '10000',
    commands: ALL,
  },
  { name: 'param', key: 'param', type: 'list', value: '<key=value>', help: 'strategy parameter (repeatable)', commands: ALL },
  // The paper broker's fill and cost models (config paper: section under them); the same strings as rustybt backtest.
  {
    name: 'slippage',
    key: 'slippage',
    type: 'string',
    value: '<model>',
    help: 'paper broker: none | fixed-bps:<bps> | volume-share:<impact> (default: config paper.slippage, else none)',
    commands: ['paper-trade', 'runner'],
  },
  {
    name: 'commission',
    key: 'commission',
    type: 'string',
    value: '<model>',
    help: 'paper broker: none | percent:<rate> | per-share:<amount>[:<minimum>] | maker-taker:<maker>:<taker>; rates as fractions (0.001) or percentages (0.1%) (default: config paper.commission, else none)',
    commands: ['paper-trade', 'runner'],
  },
  {
    name: 'latency',
    key: 'latency',
    type: 'string',
    value: '<model>',
    help: 'paper broker: none | fixed:<ms> | uniform:<min>:<max>, in market time, seeded (default: config paper.latency, else none)',
    commands: ['paper-trade', 'runner'],
  },
  {
    name: 'volume-limit',
    key: 'volumeLimit',
    type: 'string',
    value: '<fraction>',
    help: "paper broker: most of a bar's volume filled per bar, in (0, 1] (default: config paper.volumeLimit, else 0.1)",
    commands: ['paper-trade', 'runner'],
  },
  {
    name: 'allow-short',
    key: 'allowShort',
    type: 'boolean',
    help: 'paper broker: allow selling more than is held (default: config paper.allowShort, else off)',
    commands: ['paper-trade', 'runner'],
  },
  {
    name: 'speed',
    key: 'speed',
    type: 'string',
    value: '<factor>',
    help: 'market milliseconds per wall millisecond (60 = a minute per second; max = no pause); default one bar per second',
    commands: ALL,
  },
  { name: 'testnet', key: 'testnet', type: 'boolean', help: "venue broker: use the venue's sandbox", commands: ALL },
  {
    name: 'api-url',
    key: 'apiUrl',
    type: 'string',
    value: '<url>',
    help: 'venue broker and ccxt data: send every request to this base URL (a proxy, a testnet, the local exchange-sim)',
    commands: ALL,
  },
  {
    name: 'timeout',
    key: 'timeout',
    type: 'string',
    value: '<ms>',
    help: 'venue broker: hard deadline of one venue request (connect, headers and body), in milliseconds; a call gives up after 5 attempts',
    default: '10000',
    commands: ALL,
  },
  {
    name: 'reconcile',
    key: 'reconcile',
    type: 'string',
    value: '<policy>',
    help: 'venue broker, resumed session: what a mismatch with the venue does at start',
    choices: RECONCILE_POLICIES,
    default: 'stop',
    commands: ALL,
  },
  {
    name: 'require-validation',
    key: 'requireValidation',
    type: 'boolean',
    help: "refuse to start without a passing 'rustybt validate' result younger than validation.maxAgeHours (default 24) for this strategy, config and lockfile (or config validation.required: true)",
    commands: ['live-trade', 'runner'],
  },
  {
    name: 'confirm',
    key: 'confirm',
    type: 'boolean',
    help: 'yes, place real orders (on a terminal you are also asked to type the exchange name)',
    commands: ['live-trade'],
  },
  {
    name: 'live',
    key: 'live',
    type: 'boolean',
    help: "real money at the venue's live endpoints (the supervisor's configuration is the confirmation)",
    commands: ['runner'],
  },
  {
    name: 'max-notional-per-order',
    key: 'maxNotionalPerOrder',
    type: 'string',
    value: '<amount>',
    help: 'risk limit: largest quantity x price of one opening order (or config risk.maxNotionalPerOrder)',
    commands: ['live-trade', 'runner'],
  },
  {
    name: 'max-daily-loss',
    key: 'maxDailyLoss',
    type: 'string',
    value: '<fraction>',
    help: "risk limit: loss since the start of the UTC day, as a fraction of that day's starting equity, that stops new opening orders (or config risk.maxDailyLoss)",
    commands: ['live-trade', 'runner'],
  },
] as const satisfies readonly FlagSpec[];

type Table = (typeof RUNNER_FLAGS)[number];
type ValueOf<F extends Table> = F['type'] extends 'boolean' ? boolean : F['type'] extends 'list' ? string[] : string;

/** Flags as a command line gives them (strings), before any checking; typed from the table. */
export type RunnerFlagValues = { [F in Table as F['key']]?: ValueOf<F> };

export const flagsFor = (command: FlagCommand): readonly FlagSpec[] => RUNNER_FLAGS.filter((f) => (f.commands as readonly FlagCommand[]).includes(command));

export const helpOf = (flag: FlagSpec, command: FlagCommand): string => flag.helpFor?.[command] ?? flag.help;
