import { INTERVAL_MS, type Bar, type Interval } from '@rustybt/engine';
import { openSource, pacedStream, SIM_DEFAULT_ANCHOR, type DataSource } from '@rustybt/data-providers';
import { defer, filter, retry, timer, type Observable } from 'rxjs';
import { isPolledSource, isSimSource, runnerSource } from '../options/runner-source';
import { DAY_MS as DAY } from '@rustybt/core';

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
  /** A fresh session's first live bar: the bars before it warm the strategy up. */
  liveFrom?: number;
  /** Bars to replay into the strategy's history windows before the first live bar. */
  warmupBars: number;
  /** ccxt data: base URL replacing the venue's hosts (--api-url). */
  apiUrl?: string;
  /** yahoo data: base URL replacing Yahoo's hosts. */
  yahooUrl?: string;
  /** ccxt data: a failed poll, before the feed reconnects after `delayMs`. */
  onFeedError?: (err: unknown, attempt: number, delayMs: number) => void;
}

/** Longest pause between two reconnects of a venue feed. */
const MAX_RECONNECT_MS = 30_000;

export interface RunnerFeed {
  /** The bars before the resume point, or before a fresh session's first live bar, that fill history. */
  warmup(): AsyncIterable<Bar>;
  /** The feed itself, paced, starting after the resume point. */
  live(): Observable<Bar>;
  /** Wall-clock milliseconds expected between two bars (0 when unpaced). */
  readonly barPeriodMs: number;
}

const isSim = (data: string) => {
  const s = runnerSource(data);
  return s !== undefined && isSimSource(s);
};
const isVenueData = (data: string) => runnerSource(data)?.kind === 'ccxt';
/** Markets whose bars arrive as they close, polled: a venue's, Yahoo's. */
const isPolled = (data: string) => {
  const s = runnerSource(data);
  return s !== undefined && isPolledSource(s);
};
const isLiveSim = (data: string) => runnerSource(data)?.kind === 'sim';

/**
 * Where a fresh session's bars start and end, fixed at creation so every restart sees the same
 * market. A market with a present first warms the strategy up on the `warmupBars` before its first
 * live bar, as freqtrade's startup candles and Lean's warm-up do, so an indicator over 30 bars does
 * not wait 30 bars. The sim's first live bar is the current interval's; a venue's is its last closed
 * bar, which the strategy acts on at once (as freqtrade analyses the latest closed candle at start).
 * A replay trades its whole window.
 */
export function feedWindow(data: string, interval: Interval, now: number, warmupBars: number): { feedAnchor: number; replayTo?: number; liveFrom?: number } {
  const step = INTERVAL_MS[interval];
  const current = Math.floor(now / step) * step;
  if (isLiveSim(data)) return { feedAnchor: current - warmupBars * step, liveFrom: current };
  if (isSim(data)) return { feedAnchor: SIM_DEFAULT_ANCHOR, replayTo: SIM_DEFAULT_ANCHOR + REPLAY_SIM_BARS * step };
  if (isPolled(data)) return { feedAnchor: 0, liveFrom: current - step };
  return { feedAnchor: 0 };
}

/**
 * The runner's market: the seeded sim market as one endless path from the session's anchor (so a
 * restart continues the same prices), or recorded history replayed at a speed. Either way it
 * resumes strictly after the last processed bar.
 */
export function openRunnerFeed(plan: FeedPlan): RunnerFeed {
  const step = INTERVAL_MS[plan.interval];
  const source: DataSource = openSource(
    plan.data,
    isSim(plan.data)
      ? { sim: { anchor: plan.feedAnchor } }
      : { ...(plan.apiUrl ? { apiUrl: plan.apiUrl } : {}), ...(plan.yahooUrl ? { yahooUrl: plan.yahooUrl } : {}) },
  );
  if (isPolled(plan.data)) {
    // A venue's (or Yahoo's) bars as they close: the market's own pace, and a restart simply rejoins it.
    return {
      barPeriodMs: step,
      warmup: () => venueWarmup(source, plan),
      live: () => venueLive(source, plan),
    };
  }
  const end = isLiveSim(plan.data) ? Number.MAX_SAFE_INTEGER : plan.replayTo;
  const from = plan.resumeAfter !== undefined ? plan.resumeAfter + 1 : (plan.liveFrom ?? (isSim(plan.data) ? plan.feedAnchor : undefined));
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

/** End (exclusive) of the warm-up: the resume point, or a fresh session's first live bar. */
const warmupEnd = (plan: FeedPlan): number | undefined => (plan.resumeAfter !== undefined ? plan.resumeAfter + 1 : plan.liveFrom);

async function* warmupBars(source: DataSource, plan: FeedPlan): AsyncGenerator<Bar> {
  const to = warmupEnd(plan);
  if (to === undefined || plan.warmupBars <= 0) return;
  const step = INTERVAL_MS[plan.interval];
  if (isSim(plan.data)) {
    yield* source.bars(plan.symbol, { interval: plan.interval, from: Math.max(plan.feedAnchor, to - plan.warmupBars * step), to });
    return;
  }
  // Recorded history has no fixed step: keep the last N bars up to the resume point.
  const ring: Bar[] = new Array<Bar>(plan.warmupBars);
  let seen = 0;
  for await (const bar of source.bars(plan.symbol, { interval: plan.interval, to })) ring[seen++ % plan.warmupBars] = bar;
  for (let i = Math.max(0, seen - plan.warmupBars); i < seen; i++) yield ring[i % plan.warmupBars]!;
}

/** Fetches of a venue's warm-up before the start fails (and a supervisor's restart tries again). */
const WARMUP_ATTEMPTS = 4;

const reconnectDelayMs = (attempt: number) => Math.min(MAX_RECONNECT_MS, 1000 * 2 ** (attempt - 1));

/**
 * How far back the last `bars` bars of a polled market reach. A venue trades around the clock; a
 * stock market's intraday bars fill 6.5 hours of 5 days a week, so its span is wider (and Yahoo
 * keeps 1-minute bars for 30 days, the rest for 60 days or more).
 */
function warmupSpan(plan: FeedPlan, bars: number): number {
  const step = INTERVAL_MS[plan.interval];
  if (isVenueData(plan.data)) return bars * step;
  if (step < DAY) return Math.min(plan.interval === '1m' ? 29 * DAY : 59 * DAY, Math.ceil((bars * step * 24 * 7) / (6.5 * 5)) + 4 * DAY);
  return Math.ceil(bars * step * 1.5) + 10 * DAY;
}

/** A polled market's last bars before the first live one, fetched whole (a failed fetch feeds no half of them) and retried like the feed. */
async function* venueWarmup(source: DataSource, plan: FeedPlan): AsyncGenerator<Bar> {
  const to = warmupEnd(plan);
  if (to === undefined || plan.warmupBars <= 0) return;
  const query = { interval: plan.interval, from: to - warmupSpan(plan, plan.warmupBars), to };
  for (let attempt = 1; ; attempt++) {
    try {
      const bars: Bar[] = [];
      for await (const bar of source.bars(plan.symbol, query)) bars.push(bar);
      yield* bars.slice(-plan.warmupBars);
      return;
    } catch (err) {
      if (attempt >= WARMUP_ATTEMPTS) throw err;
      const delayMs = reconnectDelayMs(attempt);
      plan.onFeedError?.(err, attempt, delayMs);
      await new Promise((resolve) => setTimeout(resolve, delayMs));
    }
  }
}

/**
 * A venue's feed never ends a session by itself: a failed poll (venue down, rate limit) reconnects
 * with a doubling pause up to 30 s (health shows the feed stale meanwhile), and a reconnect's first
 * bar, often one already processed, is not delivered twice.
 */
function venueLive(source: DataSource, plan: FeedPlan): Observable<Bar> {
  // Bars the session has already seen (processed, or warmed up on) are not delivered again.
  let last = (warmupEnd(plan) ?? Number.NEGATIVE_INFINITY) - 1;
  return defer(() => source.stream(plan.symbol, plan.interval)).pipe(
    retry({
      resetOnSuccess: true,
      delay: (err: unknown, attempt: number) => {
        const delayMs = reconnectDelayMs(attempt);
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
