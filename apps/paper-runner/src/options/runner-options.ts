import { basename, extname, isAbsolute, join, resolve } from 'node:path';
import Decimal from 'decimal.js';
import { InputError, resolveHome } from '@rustybt/ops';
import type { LogLevel } from '@rustybt/uptime';
import { parseDuration } from './duration';

export const BROKERS = ['paper'] as const;
export type BrokerName = (typeof BROKERS)[number];
export const DATA_KINDS_HELP = 'sim, replay:sim or replay:csv:<file-or-dir>';
const LOG_LEVELS: readonly LogLevel[] = ['error', 'warn', 'info', 'debug'];
const SESSION_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** Flags as the command line gives them (strings), before any checking. */
export interface RunnerFlags {
  strategy: string;
  broker?: string;
  data?: string;
  symbol?: string;
  duration?: string;
  session?: string;
  logDir?: string;
  logLevel?: string;
  heartbeat?: string;
  port?: string;
  capital?: string;
  param?: string[];
  speed?: string;
}

/** Everything a run needs, checked. */
export interface RunnerOptions {
  strategyFile: string;
  broker: BrokerName;
  data: string;
  symbol: string;
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
  /** Environment for secret redaction. */
  env?: Record<string, string | undefined>;
}

/**
 * Checks the flags of `rustybt paper-trade` (and of the runner's own bin) and fills in defaults.
 * Every problem is an InputError (exit 2) that names the flag and says what to give instead.
 */
export function resolveRunnerOptions(flags: RunnerFlags, env: Record<string, string | undefined> = process.env, cwd = process.cwd()): RunnerOptions {
  const layout = resolveHome(env as NodeJS.ProcessEnv);
  if (!flags.strategy || flags.strategy.trim() === '') throw new InputError('--strategy is required. Give a strategy file, e.g. --strategy examples/sma-crossover.ts');
  const strategyFile = resolve(cwd, flags.strategy);

  const broker = flags.broker ?? 'paper';
  if (!(BROKERS as readonly string[]).includes(broker)) throw new InputError(`unknown --broker '${broker}'. Available: ${BROKERS.join(', ')}`);

  const data = (flags.data ?? 'sim').trim();
  // Only feeds the runner is tested with: the sim market live, and recorded bars (sim or CSV) replayed.
  if (!(data === 'sim' || data === 'replay:sim' || /^replay:csv:.+/.test(data))) {
    throw new InputError(`--data '${data}' is not available to the runner. Use ${DATA_KINDS_HELP}`);
  }

  const symbol = (flags.symbol ?? 'SIM').trim();
  if (!/^[A-Za-z0-9][A-Za-z0-9/._:-]{0,31}$/.test(symbol)) throw new InputError(`bad --symbol '${flags.symbol}'. Give a symbol such as SIM or BTC/USDT`);

  const session = flags.session ?? defaultSessionName(strategyFile);
  if (!SESSION_NAME.test(session)) throw new InputError(`bad --session '${session}'. Use up to 64 letters, digits, '.', '_' or '-', starting with a letter or digit`);

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
  };
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
