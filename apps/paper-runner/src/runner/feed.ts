import { INTERVAL_MS, type Bar, type Interval } from '@rustybt/engine';
import { openSource, pacedStream, SIM_DEFAULT_ANCHOR, type DataSource } from '@rustybt/data-providers';
import { defer, filter, retry, timer, type Observable } from 'rxjs';

/** Bars of a replayed sim market when no end is given: long enough to trade, short enough to finish. */
export const REPLAY_SIM_BARS = 1000;

export interface FeedPlan {
  data: string;
  symbol: string;
  interval: Interval;
  /** Market ms per wall ms; undefined = one bar per second; Infinity = no pause. */
  speed?: number;
  /** First bar of a live sim market (the session's anchor). */
  feedAnchor: number;
  /** Exclusive end of a replayed sim window. */
  replayTo?: number;
  /** Time of the last bar the session processed; the feed resumes after it. */
  resumeAfter?: number;
  /** Bars to replay into the strategy's history windows before resuming. */
  warmupBars: number;
  /** ccxt data: base URL replacing the venue's hosts (--api-url). */
  apiUrl?: string;
  /** ccxt data: a failed poll, before the feed reconnects after `delayMs`. */
  onFeedError?: (err: unknown, attempt: number, delayMs: number) => void;
}

/** Longest pause between two reconnects of a venue feed. */
const MAX_RECONNECT_MS = 30_000;

export interface RunnerFeed {
  /** The bars before the resume point that refill history (empty on a fresh session). */
  warmup(): AsyncIterable<Bar>;
  /** The feed itself, paced, starting after the resume point. */
  live(): Observable<Bar>;
  /** Wall-clock milliseconds expected between two bars (0 when unpaced). */
  readonly barPeriodMs: number;
}

const isSim = (data: string) => data === 'sim' || data === 'replay:sim';
const isVenueData = (data: string) => data.startsWith('ccxt:');

/** Where a fresh session's bars start and end, fixed at creation so every restart sees the same market. */
export function feedWindow(data: string, interval: Interval, now: number): { feedAnchor: number; replayTo?: number } {
  const step = INTERVAL_MS[interval];
  if (data === 'sim') return { feedAnchor: Math.floor(now / step) * step };
  if (data === 'replay:sim') return { feedAnchor: SIM_DEFAULT_ANCHOR, replayTo: SIM_DEFAULT_ANCHOR + REPLAY_SIM_BARS * step };
  return { feedAnchor: 0 };
}

/**
 * The runner's market: the seeded sim market as one endless path from the session's anchor (so a
 * restart continues the same prices), or recorded history replayed at a speed. Either way it
 * resumes strictly after the last processed bar.
 */
export function openRunnerFeed(plan: FeedPlan): RunnerFeed {
  const step = INTERVAL_MS[plan.interval];
  const source: DataSource = openSource(plan.data, isSim(plan.data) ? { sim: { anchor: plan.feedAnchor } } : plan.apiUrl ? { apiUrl: plan.apiUrl } : {});
  if (isVenueData(plan.data)) {
    // A venue's bars as they close: the market's own pace, and a restart simply rejoins it.
    return {
      barPeriodMs: step,
      warmup: () => venueWarmup(source, plan),
      live: () => venueLive(source, plan),
    };
  }
  const end = plan.data === 'sim' ? Number.MAX_SAFE_INTEGER : plan.replayTo;
  const from = plan.resumeAfter === undefined ? (isSim(plan.data) ? plan.feedAnchor : undefined) : plan.resumeAfter + 1;
  const barPeriodMs = plan.speed === undefined ? 1000 : plan.speed === Infinity ? 0 : step / plan.speed;
  return {
    barPeriodMs,
    warmup: () => warmupBars(source, plan),
    live: () =>
      pacedStream(
        () => source.bars(plan.symbol, { interval: plan.interval, ...(from !== undefined ? { from } : {}), ...(end !== undefined ? { to: end } : {}) }),
        plan.speed !== undefined ? { speed: plan.speed } : {},
      ),
  };
}

async function* warmupBars(source: DataSource, plan: FeedPlan): AsyncGenerator<Bar> {
  if (plan.resumeAfter === undefined || plan.warmupBars <= 0) return;
  const step = INTERVAL_MS[plan.interval];
  const to = plan.resumeAfter + 1;
  if (isSim(plan.data)) {
    yield* source.bars(plan.symbol, { interval: plan.interval, from: Math.max(plan.feedAnchor, plan.resumeAfter - (plan.warmupBars - 1) * step), to });
    return;
  }
  // Recorded history has no fixed step: keep the last N bars up to the resume point.
  const ring: Bar[] = new Array<Bar>(plan.warmupBars);
  let seen = 0;
  for await (const bar of source.bars(plan.symbol, { interval: plan.interval, to })) ring[seen++ % plan.warmupBars] = bar;
  for (let i = Math.max(0, seen - plan.warmupBars); i < seen; i++) yield ring[i % plan.warmupBars]!;
}

async function* venueWarmup(source: DataSource, plan: FeedPlan): AsyncGenerator<Bar> {
  if (plan.resumeAfter === undefined || plan.warmupBars <= 0) return;
  const step = INTERVAL_MS[plan.interval];
  yield* source.bars(plan.symbol, { interval: plan.interval, from: plan.resumeAfter - (plan.warmupBars - 1) * step, to: plan.resumeAfter + 1 });
}

/**
 * A venue's feed never ends a session by itself: a failed poll (venue down, rate limit) reconnects
 * with a doubling pause up to 30 s (health shows the feed stale meanwhile), and a reconnect's first
 * bar, often one already processed, is not delivered twice.
 */
function venueLive(source: DataSource, plan: FeedPlan): Observable<Bar> {
  let last = plan.resumeAfter ?? Number.NEGATIVE_INFINITY;
  return defer(() => source.stream(plan.symbol, plan.interval)).pipe(
    retry({
      resetOnSuccess: true,
      delay: (err: unknown, attempt: number) => {
        const delayMs = Math.min(MAX_RECONNECT_MS, 1000 * 2 ** (attempt - 1));
        plan.onFeedError?.(err, attempt, delayMs);
        return timer(delayMs);
      },
    }),
    filter((bar) => {
      if (bar.time <= last) return false;
      last = bar.time;
      return true;
    }),
  );
}
