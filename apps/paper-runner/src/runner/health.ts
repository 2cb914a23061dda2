import type { HeartbeatState } from '@rustybt/uptime';
import type { HealthReport } from '../http/server';

export interface HealthInputs {
  now: number;
  session: string;
  state: HeartbeatState;
  /** The runner itself is stopping (the broker is being let go). */
  stopping: boolean;
  startedAt: number;
  heartbeatMs: number;
  heartbeatAgeMs: number | undefined;
  barPeriodMs: number;
  lastBarAt: number | undefined;
  brokerId: string;
}

/**
 * Live means the loop turns (heartbeats on time); ready means live and fit to trade: the feed
 * delivered a bar recently (five bar periods, at least two heartbeats or 5 s), the broker is held
 * and the runner is not stopping (a HALTED session is still ready: it is up, by decision not trading).
 */
export function healthOf(h: HealthInputs): HealthReport {
  const live = h.heartbeatAgeMs !== undefined && h.heartbeatAgeMs <= 2 * h.heartbeatMs + 1000;
  const staleAfter = Math.max(5 * h.barPeriodMs, 2 * h.heartbeatMs, 5_000);
  const barAge = h.lastBarAt === undefined ? h.now - h.startedAt : h.now - h.lastBarAt;
  const feedFresh = barAge <= staleAfter;
  const brokerConnected = !h.stopping;
  const ready = live && feedFresh && brokerConnected;
  return {
    status: ready ? 'ok' : live ? 'degraded' : 'down',
    live,
    ready,
    session: h.session,
    state: h.state,
    uptimeSeconds: Math.round((h.now - h.startedAt) / 1000),
    checks: {
      heartbeat: { ok: live, ageMs: h.heartbeatAgeMs ?? null, intervalMs: h.heartbeatMs },
      feed: { ok: feedFresh, lastBarAgeMs: h.lastBarAt === undefined ? null : barAge, staleAfterMs: staleAfter },
      broker: { ok: brokerConnected, id: h.brokerId },
    },
  };
}
