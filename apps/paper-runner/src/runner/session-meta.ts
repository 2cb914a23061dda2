import { InputError } from '@rustybt/ops';
import type { StrategyParams } from '@rustybt/engine';

/** What makes a session the same session: resuming with different values would mix two runs in one account. */
export interface SessionIdentity {
  strategy: string;
  broker: string;
  data: string;
  symbol: string;
  interval: string;
  params: StrategyParams;
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
  const flag: Record<keyof SessionIdentity, string> = { strategy: '--strategy', broker: '--broker', data: '--data', symbol: '--symbol', interval: '--interval', params: '--param' };
  for (const key of Object.keys(flag) as (keyof SessionIdentity)[]) {
    const a = key === 'params' ? JSON.stringify(sorted(saved.params)) : saved[key];
    const b = key === 'params' ? JSON.stringify(sorted(now.params)) : now[key];
    if (a !== b) diffs.push(`${flag[key]} was ${a}, now ${b}`);
  }
  if (diffs.length > 0) {
    throw new InputError(`session '${session}' was started differently (${diffs.join('; ')}). Resume it with the same flags, or pick a new --session`);
  }
}

function sorted(p: StrategyParams): StrategyParams {
  return Object.fromEntries(Object.entries(p).sort(([a], [b]) => a.localeCompare(b)));
}
