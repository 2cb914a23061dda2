import { InputError } from '@rustybt/ops';
import type { StrategyParams } from '@rustybt/engine';
import { describeCommission, describeLatency, describeSlippage, paperBrokerConfigSchema, type PaperBrokerConfig } from '@rustybt/brokers';

/** What makes a session the same session: resuming with different values would mix two runs in one account. */
export interface SessionIdentity {
  strategy: string;
  broker: string;
  data: string;
  symbol: string;
  interval: string;
  params: StrategyParams;
  /** The paper broker's fill and cost models; absent for a venue session. */
  paperBroker?: PaperBrokerConfig;
}

export interface SessionMeta extends SessionIdentity {
  capital: string;
  createdAt: number;
  /** Time of the session's first bar: a sim market is one path from here, across restarts. */
  feedAnchor: number;
  /** End (exclusive) of a replayed sim window. */
  replayTo?: number;
  /** Time of the first bar the session trades on; the bars before it only warm the strategy up. */
  liveFrom?: number;
}

export function metaToRecord(m: SessionMeta): Record<string, string> {
  return {
    strategy: m.strategy,
    broker: m.broker,
    data: m.data,
    symbol: m.symbol,
    interval: m.interval,
    params: JSON.stringify(m.params),
    ...(m.paperBroker ? { paper_broker: JSON.stringify(m.paperBroker) } : {}),
    capital: m.capital,
    created_at: String(m.createdAt),
    feed_anchor: String(m.feedAnchor),
    ...(m.replayTo !== undefined ? { replay_to: String(m.replayTo) } : {}),
    ...(m.liveFrom !== undefined ? { live_from: String(m.liveFrom) } : {}),
  };
}

export function metaFromRecord(r: Record<string, string>): SessionMeta | undefined {
  if (r.strategy === undefined) return undefined;
  return {
    strategy: r.strategy,
    broker: r.broker ?? 'paper',
    data: r.data ?? 'sim',
    symbol: r.symbol ?? '',
    interval: r.interval ?? '1m',
    params: JSON.parse(r.params ?? '{}') as StrategyParams,
    ...paperBrokerOf(r),
    capital: r.capital ?? '0',
    createdAt: Number(r.created_at ?? 0),
    feedAnchor: Number(r.feed_anchor ?? 0),
    ...(r.replay_to !== undefined ? { replayTo: Number(r.replay_to) } : {}),
    ...(r.live_from !== undefined ? { liveFrom: Number(r.live_from) } : {}),
  };
}

/** A resumed session must be started as it was; otherwise say which flag differs and how to start afresh. */
export function checkSameSession(session: string, saved: SessionIdentity, now: SessionIdentity): void {
  const diffs: string[] = [];
  const flag: Record<Exclude<keyof SessionIdentity, 'paperBroker'>, string> = {
    strategy: '--strategy',
    broker: '--broker',
    data: '--data',
    symbol: '--symbol',
    interval: '--interval',
    params: '--param',
  };
  for (const key of Object.keys(flag) as (keyof typeof flag)[]) {
    const a = key === 'params' ? JSON.stringify(sorted(saved.params)) : saved[key];
    const b = key === 'params' ? JSON.stringify(sorted(now.params)) : now[key];
    if (a !== b) diffs.push(`${flag[key]} was ${a}, now ${b}`);
  }
  const was = costsOf(saved.paperBroker);
  const is = costsOf(now.paperBroker);
  if (was !== is) diffs.push(`the paper broker was ${was}, now ${is} (--slippage, --commission, --latency, --volume-limit, --allow-short or config paper)`);
  if (diffs.length > 0) {
    throw new InputError(`session '${session}' was started differently (${diffs.join('; ')}). Resume it with the same flags, or pick a new --session`);
  }
}

function sorted(p: StrategyParams): StrategyParams {
  return Object.fromEntries(Object.entries(p).sort(([a], [b]) => a.localeCompare(b)));
}

/** A paper session saved before the models were recorded ran on the broker's defaults. */
function paperBrokerOf(r: Record<string, string>): { paperBroker?: PaperBrokerConfig } {
  if (r.paper_broker !== undefined) return { paperBroker: paperBrokerConfigSchema.parse(JSON.parse(r.paper_broker)) };
  return (r.broker ?? 'paper') === 'paper' ? { paperBroker: paperBrokerConfigSchema.parse({}) } : {};
}

function costsOf(b: PaperBrokerConfig | undefined): string {
  if (!b) return 'none (a venue)';
  return `fill at ${b.fillAt}, slippage ${describeSlippage(b.slippage)}, commission ${describeCommission(b.commission)}, latency ${describeLatency(b.latency)}, volume limit ${b.volumeLimit}, shorts ${b.allowShort ? 'allowed' : 'off'}, currency ${b.currency}, seed ${b.seed}`;
}
