import type { HeartbeatState } from '@rustybt/uptime';
import type { EngineRun } from '@rustybt/engine';

export type StopReason = 'completed' | 'duration_elapsed' | 'signal' | 'error';

export interface RunnerProgress {
  session: string;
  elapsedMs: number;
  bars: number;
  orders: number;
  fills: number;
  equity: string;
  heartbeatAgeMs: number | undefined;
  state: HeartbeatState;
}

export interface RunSummary {
  session: string;
  reason: StopReason;
  resumed: boolean;
  elapsedMs: number;
  barsThisRun: number;
  barsTotal: number;
  ordersThisRun: number;
  fillsThisRun: number;
  fillsTotal: number;
  startEquity: string;
  equity: string;
  cash: string;
  positions: { symbol: string; quantity: string; averagePrice: string }[];
  stateFile: string;
  logDir: string;
  error?: string;
}

/** Counts of one process's run of a session, kept by the runner as events arrive. */
export interface RunCounts {
  startedAt: number;
  barsAtStart: number;
  ordersThisRun: number;
  fillsThisRun: number;
  fillsTotal: number;
  startEquity: string;
}

export function summarize(
  engine: EngineRun,
  counts: RunCounts,
  at: { session: string; resumed: boolean; stateFile: string; logDir: string; reason: StopReason; failure: string | undefined },
): RunSummary {
  const pf = engine.portfolio;
  return {
    session: at.session,
    reason: at.reason,
    resumed: at.resumed,
    elapsedMs: Date.now() - counts.startedAt,
    barsThisRun: engine.barsProcessed - counts.barsAtStart,
    barsTotal: engine.barsProcessed,
    ordersThisRun: counts.ordersThisRun,
    fillsThisRun: counts.fillsThisRun,
    fillsTotal: counts.fillsTotal,
    startEquity: counts.startEquity,
    equity: pf.equity().toFixed(),
    cash: pf.cash.toFixed(),
    positions: [...pf.positions.values()]
      .filter((p) => !p.quantity.isZero())
      .map((p) => ({ symbol: p.symbol, quantity: p.quantity.toFixed(), averagePrice: p.averagePrice.toFixed() })),
    stateFile: at.stateFile,
    logDir: at.logDir,
    ...(at.failure ? { error: at.failure } : {}),
  };
}
