import { basename, extname, isAbsolute, join, resolve } from 'node:path';
import Decimal from 'decimal.js';
import { InputError, resolveHome } from '@rustybt/ops';
import type { LogLevel } from '@rustybt/uptime';
import { INTERVAL_MS, isInterval, riskLimitsSchema, type Interval, type RiskLimitsInput } from '@rustybt/engine';
import { parseDuration } from './duration';

/** `paper`, or a ccxt exchange id (binance, bybit, ...): the runner then trades at that venue. */
export const BROKERS = ['paper', '<ccxt exchange id>'] as const;
export type BrokerName = string;
export const DATA_KINDS_HELP = 'sim, replay:sim, replay:csv:<file-or-dir>, yahoo (Yahoo\'s bars as they close) or ccxt:<exchange> (the venue\'s live bars)';
/** Intervals Yahoo's chart API has. */
const YAHOO_INTERVALS: readonly Interval[] = ['1m', '5m', '15m', '30m', '1h', '1d', '1w'];
export const RECONCILE_POLICIES = ['stop', 'adopt-venue'] as const;
export type ReconcilePolicy = (typeof RECONCILE_POLICIES)[number];
/** Risk limits a live session must set explicitly (config `risk` section or flags): no defaults for real money. */
export const LIVE_REQUIRED_LIMITS = ['maxNotionalPerOrder', 'maxDailyLoss'] as const;
const EXCHANGE_ID = /^[a-z0-9]+$/;
const LOG_LEVELS: readonly LogLevel[] = ['error', 'warn', 'info', 'debug'];
const SESSION_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** Flags as the command line gives them (strings), before any checking. */
export interface RunnerFlags {
  strategy: string;
  broker?: string;
  data?: string;
  symbol?: string;
  /** Bar interval: 1m (default), 5m, 15m, 30m, 1h, 4h, 1d or 1w. */
  interval?: string;
  duration?: string;
  session?: string;
  logDir?: string;
  logLevel?: string;
  heartbeat?: string;
  port?: string;
  capital?: string;
  param?: string[];
  speed?: string;
  /** Venue brokers: the venue's sandbox. */
  testnet?: boolean;
  /** Venue brokers and ccxt data: send every request to this base URL. */
  apiUrl?: string;
  /** yahoo data: base URL replacing Yahoo's hosts (config yahooUrl; default RUSTYBT_YAHOO_URL). */
  yahooUrl?: string;
  /** What a reconciliation mismatch at start does: stop (default) or adopt the venue's view. */
  reconcile?: string;
  /** Real money at a venue's live endpoints (`rustybt live-trade`, or the runner bin's --live). */
  live?: boolean;
  /** Pre-trade risk limits (engine defaults fill the rest). */
  risk?: RiskLimitsInput;
}

/** Everything a run needs, checked. */
export interface RunnerOptions {
  strategyFile: string;
  broker: BrokerName;
  data: string;
  symbol: string;
  interval: Interval;
  /** Stop after this long (this process's run time); undefined = until stopped. */
  durationMs?: number;
  session: string;
  stateFile: string;
  logDir: string;
  logLevel: LogLevel;
  heartbeatMs: number;
  port: number;
  capital: Decimal;
  params: string[];
  /** Market ms per wall ms; undefined = one bar per second. */
  speed?: number;
  /** Environment for secret redaction and venue credentials. */
  env?: Record<string, string | undefined>;
  testnet: boolean;
  apiUrl?: string;
  yahooUrl?: string;
  reconcile: ReconcilePolicy;
  /** paper: the simulated broker; live: orders go to a venue. */
  mode: 'paper' | 'live';
  risk?: RiskLimitsInput;
}

export const isVenue = (broker: string): boolean => broker !== 'paper';

/**
 * Checks the flags of `rustybt paper-trade` (and of the runner's own bin) and fills in defaults.
 * Every problem is an InputError (exit 2) that names the flag and says what to give instead.
 */
export function resolveRunnerOptions(flags: RunnerFlags, env: Record<string, string | undefined> = process.env, cwd = process.cwd()): RunnerOptions {
  const layout = resolveHome(env as NodeJS.ProcessEnv);
  if (!flags.strategy || flags.strategy.trim() === '') throw new InputError('--strategy is required. Give a strategy file, e.g. --strategy examples/sma-crossover.ts');
  const strategyFile = resolve(cwd, flags.strategy);

  const broker = (flags.broker ?? 'paper').trim().toLowerCase();
  if (!EXCHANGE_ID.test(broker)) throw new InputError(`unknown --broker '${flags.broker}'. Use paper or a ccxt exchange id such as binance or bybit`);
  const venue = isVenue(broker);

  const data = (flags.data ?? (venue ? `ccxt:${broker}` : 'sim')).trim();
  // Only feeds the runner is tested with: the sim market live, recorded bars (sim or CSV) replayed, a venue's live bars.
  if (!(data === 'sim' || data === 'replay:sim' || /^replay:csv:.+/.test(data) || data === 'yahoo' || /^ccxt:[a-z0-9]+$/.test(data))) {
    throw new InputError(`--data '${data}' is not available to the runner. Use ${DATA_KINDS_HELP}`);
  }
  // Orders at a venue against prices from elsewhere would be decided on a market that is not the venue's.
  if (venue && data !== `ccxt:${broker}`) throw new InputError(`--broker ${broker} trades at ${broker}, so its bars must come from there too. Use --data ccxt:${broker}`);
  if (!venue && (flags.testnet || flags.live)) throw new InputError(`--testnet and --live apply to a venue broker, not to paper. Drop them or give --broker <ccxt exchange id>`);
  if (flags.apiUrl !== undefined && !/^https?:\/\/[^\s/]+/.test(flags.apiUrl)) throw new InputError(`bad --api-url '${flags.apiUrl}'. Give a base URL such as http://127.0.0.1:8900`);
  if (venue && !flags.live && !flags.testnet && flags.apiUrl === undefined) {
    throw new InputError(`--broker ${broker} without --testnet or --api-url would trade real money at ${broker}. Add --testnet (the venue's sandbox) or --api-url (a local testnet such as exchange-sim), or use rustybt live-trade`);
  }
  const reconcile = (flags.reconcile ?? 'stop') as ReconcilePolicy;
  if (!RECONCILE_POLICIES.includes(reconcile)) throw new InputError(`bad --reconcile '${flags.reconcile}'. Use ${RECONCILE_POLICIES.join(' or ')}`);
  if (flags.risk !== undefined) {
    const checked = riskLimitsSchema.safeParse(flags.risk);
    if (!checked.success) throw new InputError(`bad risk limit ${checked.error.issues[0]?.path.join('.')}: ${checked.error.issues[0]?.message}. See the engine's risk limits in docs/paper-trading.md`);
  }
  if (flags.live) requireLiveLimits(Object.keys(flags.risk ?? {}));

  const symbol = (flags.symbol ?? (data.startsWith('ccxt:') ? 'BTC/USDT' : data === 'yahoo' ? 'SPY' : 'SIM')).trim();
  if (!/^[A-Za-z0-9][A-Za-z0-9/._:-]{0,31}$/.test(symbol)) throw new InputError(`bad --symbol '${flags.symbol}'. Give a symbol such as SIM or BTC/USDT`);

  const interval = (flags.interval ?? '1m').trim();
  if (!isInterval(interval)) throw new InputError(`bad --interval '${flags.interval}'. Use one of ${Object.keys(INTERVAL_MS).join(', ')}`);
  if (data === 'yahoo' && !YAHOO_INTERVALS.includes(interval)) throw new InputError(`Yahoo has no ${interval} bars. Use --interval ${YAHOO_INTERVALS.join(', ')}`);
  const yahooUrl = flags.yahooUrl ?? env.RUSTYBT_YAHOO_URL;

  const session = flags.session ?? defaultSessionName(strategyFile);
  if (!SESSION_NAME.test(session)) throw new InputError(`bad --session '${session}'. Use up to 64 letters, digits, '.', '_' or '-', starting with a letter or digit`);

  // A venue receives `<session>-<n>` as the client order id as it is: keep it within what venues accept.
  if (venue && !/^[A-Za-z0-9][A-Za-z0-9_-]{0,23}$/.test(session)) {
    throw new InputError(`session name '${session}' cannot go to a venue in client order ids. Use --session with up to 24 letters, digits, '_' or '-'`);
  }

  const durationMs = flags.duration === undefined ? undefined : checkDuration('--duration', flags.duration, 'e.g. 30d, 12h or 15m');
  const heartbeatMs = checkDuration('--heartbeat', flags.heartbeat ?? '10s', 'e.g. 10s');

  const logLevel = (flags.logLevel ?? 'info') as LogLevel;
  if (!LOG_LEVELS.includes(logLevel)) throw new InputError(`bad --log-level '${flags.logLevel}'. Use one of ${LOG_LEVELS.join(', ')}`);

  const port = Number(flags.port ?? '0');
  if (!/^\d+$/.test(flags.port ?? '0') || port > 65535) throw new InputError(`bad --port '${flags.port}'. Give 0 (pick a free port) or a port up to 65535`);

  let capital: Decimal;
  try {
    capital = new Decimal((flags.capital ?? '10000').trim());
  } catch {
    throw new InputError(`bad --capital '${flags.capital}'. Give an amount such as 10000`);
  }
  if (!capital.isFinite() || capital.lte(0)) throw new InputError(`bad --capital '${flags.capital}'. Give a positive amount such as 10000`);

  let speed: number | undefined;
  if (flags.speed !== undefined) {
    speed = flags.speed === 'max' ? Infinity : Number(flags.speed);
    if (!(speed > 0)) throw new InputError(`bad --speed '${flags.speed}'. Give market milliseconds per wall millisecond (60 = a minute per second) or max`);
  }

  const logDir = flags.logDir ? (isAbsolute(flags.logDir) ? flags.logDir : resolve(cwd, flags.logDir)) : layout.logs;
  return {
    strategyFile,
    broker: broker as BrokerName,
    data,
    symbol,
    interval,
    ...(durationMs !== undefined ? { durationMs } : {}),
    session,
    stateFile: join(layout.state, `${session}.db`),
    logDir,
    logLevel,
    heartbeatMs,
    port,
    capital,
    params: flags.param ?? [],
    ...(speed !== undefined ? { speed } : {}),
    env,
    testnet: flags.testnet === true,
    ...(flags.apiUrl !== undefined ? { apiUrl: flags.apiUrl } : {}),
    ...(yahooUrl ? { yahooUrl } : {}),
    reconcile,
    mode: venue ? 'live' : 'paper',
    ...(flags.risk !== undefined ? { risk: flags.risk } : {}),
  };
}

/** A live session refuses to start unless the limits that protect real money were set on purpose. */
export function requireLiveLimits(explicitKeys: readonly string[]): void {
  const missing = LIVE_REQUIRED_LIMITS.filter((k) => !explicitKeys.includes(k));
  if (missing.length > 0) {
    throw new InputError(
      `live trading needs explicit risk limits; missing ${missing.join(', ')}. Set them in the config file's risk section or with --max-notional-per-order and --max-daily-loss`,
    );
  }
}

/** The strategy file's name: running the same strategy again resumes its session. */
export function defaultSessionName(strategyFile: string): string {
  const name = basename(strategyFile, extname(strategyFile)).replace(/[^A-Za-z0-9._-]/g, '-').replace(/^[^A-Za-z0-9]+/, '');
  return (name || 'paper').slice(0, 64);
}

function checkDuration(flag: string, text: string, example: string): number {
  const ms = parseDuration(text);
  if (ms === undefined) throw new InputError(`bad ${flag} '${text}'. Give a duration, ${example} (units ms, s, m, h, d)`);
  return ms;
}
