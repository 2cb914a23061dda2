import { basename, extname, isAbsolute, join, resolve } from 'node:path';
import Decimal from 'decimal.js';
import { z } from 'zod';
import { parseDuration } from '@rustybt/core';
import { InputError, resolveHome } from '@rustybt/ops';
import type { LogLevel } from '@rustybt/uptime';
import type { SourceSpec } from '@rustybt/data-providers';
import { INTERVAL_MS, isInterval, riskLimitsSchema, type Interval, type RiskLimitsInput } from '@rustybt/engine';
import { resolvePaperConfig, type PaperBrokerConfig, type PaperBrokerConfigInput } from '@rustybt/brokers';
import { LOG_LEVELS, RECONCILE_POLICIES, type RunnerFlagValues } from '../flags/flag-table';
import { checkSessionName } from '../state/session-name';
import { DATA_KINDS_HELP, runnerSource } from './runner-source';
import type { AlertsConfig } from '@rustybt/alerts/config';
import type { ApiConfig } from '../config/api-schema';
import { checkBind, DEFAULT_BIND } from '../http/access';

export { RECONCILE_POLICIES } from '../flags/flag-table';
export { DATA_KINDS_HELP } from './runner-source';

/** `paper`, or a ccxt exchange id (binance, bybit, ...): the runner then trades at that venue. */
export const BROKERS = ['paper', '<ccxt exchange id>'] as const;
export type BrokerName = string;
/** Intervals Yahoo's chart API has. */
const YAHOO_INTERVALS: readonly Interval[] = ['1m', '5m', '15m', '30m', '1h', '1d', '1w'];
export type ReconcilePolicy = (typeof RECONCILE_POLICIES)[number];
/** Risk limits a live session must set explicitly (config `risk` section or flags): no defaults for real money. */
export const LIVE_REQUIRED_LIMITS = ['maxNotionalPerOrder', 'maxDailyLoss'] as const;
/** A venue receives `<session>-<n>` as the client order id as it is: keep it within what venues accept. */
const VENUE_SESSION_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,23}$/;

/** Flags as the command line gives them, plus what config supplies (risk limits, the Yahoo URL). */
export type RunnerFlags = Omit<RunnerFlagValues, 'strategy'> & {
  strategy: string;
  /** yahoo data: base URL replacing Yahoo's hosts (config yahooUrl; default RUSTYBT_YAHOO_URL). */
  yahooUrl?: string;
  /** Pre-trade risk limits (engine defaults fill the rest); the two risk flags win over these. */
  risk?: RiskLimitsInput;
  /** config `alerts`: channels and rules (docs/alerts.md). */
  alerts?: AlertsConfig;
  /** config `api`: who may read /status and /metrics. */
  api?: ApiConfig;
  /** config `paper`: the paper broker's models; the cost flags win over it. */
  paper?: PaperBrokerConfigInput;
};

/** Everything a run needs, checked. */
export interface RunnerOptions {
  strategyFile: string;
  broker: BrokerName;
  data: string;
  /** `data`, parsed. */
  source: SourceSpec;
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
  /** Address the HTTP API listens on (--bind); beyond loopback only with api.auth required. */
  bind: string;
  api?: ApiConfig;
  capital: Decimal;
  params: string[];
  /** Market ms per wall ms; undefined = one bar per second; Infinity = no pause. */
  speed?: number;
  /** Environment for secret redaction and venue credentials. */
  env?: Record<string, string | undefined>;
  /** Orders go to a ccxt venue (its sandbox, a local testnet or its live endpoints), not the paper broker. */
  atVenue: boolean;
  /** The venue's live endpoints with a real account (`live-trade`, the bin's --live): real money. */
  realMoney: boolean;
  testnet: boolean;
  apiUrl?: string;
  /** Venue broker: the hard deadline of one venue request (connect, headers and body), ms. */
  timeoutMs: number;
  yahooUrl?: string;
  reconcile: ReconcilePolicy;
  risk?: RiskLimitsInput;
  alerts?: AlertsConfig;
  /** The paper broker's fill and cost models (flags over config over defaults); absent at a venue. */
  paperBroker?: PaperBrokerConfig;
}

export const isVenue = (broker: string): boolean => broker !== 'paper';

/** The log contract's `mode`: where orders go (`live` = to a venue, testnets included), not whether money is real. */
export const logMode = (o: Pick<RunnerOptions, 'atVenue'>): 'paper' | 'live' => (o.atVenue ? 'live' : 'paper');

/** A field check's error is the refusal a user reads: one line, naming the flag. */
const refuse = (ctx: z.RefinementCtx, message: string) => {
  ctx.addIssue({ code: 'custom', message });
  return z.NEVER;
};

const durationOf = (flag: string, example: string) => (text: string, ctx: z.RefinementCtx) => {
  const ms = parseDuration(text.trim());
  return ms !== undefined && ms > 0 ? ms : refuse(ctx, `bad ${flag} '${text}'. Give a duration, ${example} (units ms, s, m, h, d)`);
};

/** The flags that stand on their own, each checked and converted by its own transform. */
const fieldsSchema = z.object({
  strategy: z.string().refine((s) => s.trim() !== '', '--strategy is required. Give a strategy file, e.g. --strategy examples/sma-crossover.ts'),
  broker: z
    .string()
    .default('paper')
    .transform((b, ctx) =>
      /^[a-z0-9]+$/.test(b.trim().toLowerCase())
        ? b.trim().toLowerCase()
        : refuse(ctx, `unknown --broker '${b}'. Use paper or a ccxt exchange id such as binance or bybit`),
    ),
  apiUrl: z
    .string()
    .optional()
    .transform((u, ctx) =>
      u === undefined || /^https?:\/\/[^\s/]+/.test(u) ? u : refuse(ctx, `bad --api-url '${u}'. Give a base URL such as http://127.0.0.1:8900`),
    ),
  timeout: z
    .string()
    .default('10000')
    .transform((t, ctx) =>
      /^\d+$/.test(t.trim()) && Number(t) >= 1 && Number(t) <= 600_000
        ? Number(t)
        : refuse(ctx, `bad --timeout '${t}'. Give milliseconds between 1 and 600000, e.g. 10000`),
    ),
  reconcile: z
    .string()
    .default('stop')
    .transform((r, ctx) =>
      (RECONCILE_POLICIES as readonly string[]).includes(r)
        ? (r as ReconcilePolicy)
        : refuse(ctx, `bad --reconcile '${r}'. Use ${RECONCILE_POLICIES.join(' or ')}`),
    ),
  interval: z
    .string()
    .default('1m')
    .transform((i, ctx) =>
      isInterval(i.trim()) ? (i.trim() as Interval) : refuse(ctx, `bad --interval '${i}'. Use one of ${Object.keys(INTERVAL_MS).join(', ')}`),
    ),
  duration: z
    .string()
    .optional()
    .transform((d, ctx) => (d === undefined ? undefined : durationOf('--duration', 'e.g. 30d, 12h or 15m')(d, ctx))),
  heartbeat: z.string().default('10s').transform(durationOf('--heartbeat', 'e.g. 10s')),
  logLevel: z
    .string()
    .default('info')
    .transform((l, ctx) =>
      (LOG_LEVELS as readonly string[]).includes(l) ? (l as LogLevel) : refuse(ctx, `bad --log-level '${l}'. Use one of ${LOG_LEVELS.join(', ')}`),
    ),
  port: z
    .string()
    .default('0')
    .transform((p, ctx) =>
      /^\d+$/.test(p) && Number(p) <= 65535 ? Number(p) : refuse(ctx, `bad --port '${p}'. Give 0 (pick a free port) or a port up to 65535`),
    ),
  capital: z
    .string()
    .default('10000')
    .transform((c, ctx) => {
      let amount: Decimal;
      try {
        amount = new Decimal(c.trim());
      } catch {
        return refuse(ctx, `bad --capital '${c}'. Give an amount such as 10000`);
      }
      return amount.isFinite() && amount.gt(0) ? amount : refuse(ctx, `bad --capital '${c}'. Give a positive amount such as 10000`);
    }),
  speed: z
    .string()
    .optional()
    .transform((s, ctx) => {
      if (s === undefined) return undefined;
      const speed = s === 'max' ? Infinity : Number(s);
      return speed > 0 ? speed : refuse(ctx, `bad --speed '${s}'. Give market milliseconds per wall millisecond (60 = a minute per second) or max`);
    }),
  risk: z
    .unknown()
    .optional()
    .transform((r, ctx) => {
      if (r === undefined) return undefined;
      const checked = riskLimitsSchema.safeParse(r);
      if (checked.success) return r as RiskLimitsInput;
      return refuse(
        ctx,
        `bad risk limit ${checked.error.issues[0]?.path.join('.')}: ${checked.error.issues[0]?.message}. See the engine's risk limits in docs/paper-trading.md`,
      );
    }),
});

/**
 * Checks the flags of `rustybt paper-trade` (and of the runner's own bin) and fills in defaults.
 * Every problem is an InputError (exit 2) that names the flag and says what to give instead.
 */
export function resolveRunnerOptions(flags: RunnerFlags, env: Record<string, string | undefined> = process.env, cwd = process.cwd()): RunnerOptions {
  const parsed = fieldsSchema.safeParse({ ...flags, risk: riskOf(flags) });
  if (!parsed.success) throw new InputError(parsed.error.issues[0]!.message);
  const f = parsed.data;
  const atVenue = isVenue(f.broker);
  const realMoney = flags.live === true;
  const data = (flags.data ?? (atVenue ? `ccxt:${f.broker}` : 'sim')).trim();
  const source = runnerSource(data);
  if (!source) throw new InputError(`--data '${data}' is not available to the runner. Use ${DATA_KINDS_HELP}`);
  checkVenueUse(f.broker, atVenue, source, flags);
  const paperBroker = atVenue ? undefined : paperBrokerOf(flags);
  if (realMoney) requireLiveLimits(Object.keys(f.risk ?? {}));

  const symbol = (flags.symbol ?? (source.kind === 'ccxt' ? 'BTC/USDT' : source.kind === 'yahoo' ? 'SPY' : 'SIM')).trim();
  if (!/^[A-Za-z0-9][A-Za-z0-9/._:-]{0,31}$/.test(symbol)) throw new InputError(`bad --symbol '${flags.symbol}'. Give a symbol such as SIM or BTC/USDT`);
  if (source.kind === 'yahoo' && !YAHOO_INTERVALS.includes(f.interval))
    throw new InputError(`Yahoo has no ${f.interval} bars. Use --interval ${YAHOO_INTERVALS.join(', ')}`);

  const strategyFile = resolve(cwd, f.strategy);
  const session = flags.session ?? defaultSessionName(strategyFile);
  checkSessionName(session);
  if (atVenue && !VENUE_SESSION_NAME.test(session)) {
    throw new InputError(`session name '${session}' cannot go to a venue in client order ids. Use --session with up to 24 letters, digits, '_' or '-'`);
  }

  const layout = resolveHome(env as NodeJS.ProcessEnv);
  const yahooUrl = flags.yahooUrl ?? env.RUSTYBT_YAHOO_URL;
  return {
    strategyFile,
    broker: f.broker,
    data,
    source,
    symbol,
    interval: f.interval,
    ...(f.duration !== undefined ? { durationMs: f.duration } : {}),
    session,
    stateFile: join(layout.state, `${session}.db`),
    logDir: flags.logDir ? (isAbsolute(flags.logDir) ? flags.logDir : resolve(cwd, flags.logDir)) : layout.logs,
    logLevel: f.logLevel,
    heartbeatMs: f.heartbeat,
    port: f.port,
    bind: checkBind(flags.bind ?? DEFAULT_BIND),
    ...(flags.api ? { api: flags.api } : {}),
    capital: f.capital,
    params: flags.param ?? [],
    ...(f.speed !== undefined ? { speed: f.speed } : {}),
    env,
    atVenue,
    realMoney,
    testnet: flags.testnet === true,
    ...(f.apiUrl !== undefined ? { apiUrl: f.apiUrl } : {}),
    timeoutMs: f.timeout,
    ...(yahooUrl ? { yahooUrl } : {}),
    reconcile: f.reconcile,
    ...(f.risk !== undefined ? { risk: f.risk } : {}),
    ...(flags.alerts ? { alerts: flags.alerts } : {}),
    ...(paperBroker ? { paperBroker } : {}),
  };
}

const COST_FLAGS = [
  ['slippage', '--slippage'],
  ['commission', '--commission'],
  ['latency', '--latency'],
  ['volumeLimit', '--volume-limit'],
  ['allowShort', '--allow-short'],
] as const;

/** The paper broker: the cost flags over config's paper section over the broker's defaults. */
function paperBrokerOf(flags: RunnerFlags): PaperBrokerConfig {
  try {
    return resolvePaperConfig(flags.paper, {
      ...(flags.slippage !== undefined ? { slippage: flags.slippage } : {}),
      ...(flags.commission !== undefined ? { commission: flags.commission } : {}),
      ...(flags.latency !== undefined ? { latency: flags.latency } : {}),
      ...(flags.volumeLimit !== undefined ? { volumeLimit: flags.volumeLimit } : {}),
      ...(flags.allowShort !== undefined ? { allowShort: flags.allowShort } : {}),
    });
  } catch (err) {
    throw new InputError(err instanceof Error ? err.message : String(err));
  }
}

/** The two risk flags over the config's risk section. */
function riskOf(flags: RunnerFlags): RiskLimitsInput | undefined {
  const fromFlags = {
    ...(flags.maxNotionalPerOrder !== undefined ? { maxNotionalPerOrder: flags.maxNotionalPerOrder.trim() } : {}),
    ...(flags.maxDailyLoss !== undefined ? { maxDailyLoss: Number(flags.maxDailyLoss) } : {}),
  };
  if (flags.risk === undefined && Object.keys(fromFlags).length === 0) return undefined;
  return { ...flags.risk, ...fromFlags };
}

/** A venue trades on its own bars, and never with real money by accident. */
function checkVenueUse(broker: string, atVenue: boolean, source: SourceSpec, flags: RunnerFlags): void {
  // Orders at a venue against prices from elsewhere would be decided on a market that is not the venue's.
  if (atVenue && !(source.kind === 'ccxt' && source.exchange === broker))
    throw new InputError(`--broker ${broker} trades at ${broker}, so its bars must come from there too. Use --data ccxt:${broker}`);
  const cost = COST_FLAGS.find(([key]) => flags[key] !== undefined);
  if (atVenue && cost)
    throw new InputError(`${cost[1]} sets the paper broker's model; at ${broker} the venue fills and charges. Drop ${cost[1]} or use --broker paper`);
  if (!atVenue && (flags.testnet || flags.live))
    throw new InputError(`--testnet and --live apply to a venue broker, not to paper. Drop them or give --broker <ccxt exchange id>`);
  if (atVenue && !flags.live && !flags.testnet && flags.apiUrl === undefined) {
    throw new InputError(
      `--broker ${broker} without --testnet or --api-url would trade real money at ${broker}. Add --testnet (the venue's sandbox) or --api-url (a local testnet such as exchange-sim), or use rustybt live-trade`,
    );
  }
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
  const name = basename(strategyFile, extname(strategyFile))
    .replace(/[^A-Za-z0-9._-]/g, '-')
    .replace(/^[^A-Za-z0-9]+/, '');
  return (name || 'paper').slice(0, 64);
}
