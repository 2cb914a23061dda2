import type { AlertInput } from '@rustybt/alerts';
import type { Liveness } from './last-liveness';
import type { WatchState } from './watch-state';

export interface Verdict {
  next: WatchState;
  /** The alert this check raises: on going down, and on coming back from down. */
  alert?: AlertInput;
}

const PLANNED = new Set(['completed', 'duration_elapsed', 'signal']);
const secondsText = (ms: number) => `${Math.round(ms / 1000)} s`;

/**
 * One check, pure: the session's last sign of life against the clock and the previous state.
 * Alert ids are the incident's (the heartbeat it went silent after; the beat it came back with),
 * so a check repeated by a timer never raises one twice.
 */
export function judge(session: string, last: Liveness, staleMs: number, now: number, prev: WatchState | undefined): Verdict {
  const age = now - last.at;
  const state: WatchState['state'] = last.kind === 'session_stop' && PLANNED.has(last.reason ?? '') ? 'stopped' : age > staleMs ? 'down' : 'up';
  const since = prev?.state === state ? prev.since : state === 'down' ? last.at : now;
  const next: WatchState = { state, since, lastSeenAt: last.at, checkedAt: now };
  if (state === 'down' && prev?.state !== 'down') {
    const stoppedOnError = last.kind === 'session_stop';
    return {
      next,
      alert: {
        id: `${session}:watch:down:${last.at}`,
        event: 'heartbeat_stale',
        severity: 'critical',
        session,
        summary: stoppedOnError
          ? `session stopped on an error ${secondsText(age)} ago and has not restarted`
          : `no heartbeat for ${secondsText(age)} (stale after ${secondsText(staleMs)}): the runner is down or hung`,
        details: { last_event: last.kind, last_seen_at: new Date(last.at).toISOString(), last_pid: last.pid, stale_ms: staleMs },
        at: now,
      },
    };
  }
  if (state === 'up' && prev?.state === 'down') {
    return {
      next,
      alert: {
        id: `${session}:watch:up:${last.at}`,
        event: 'heartbeat_resumed',
        severity: 'info',
        session,
        summary: `heartbeats resumed after ${secondsText(last.at - prev.since)} of silence`,
        details: { down_since: new Date(prev.since).toISOString(), resumed_at: new Date(last.at).toISOString(), pid: last.pid },
        at: now,
      },
    };
  }
  return { next };
}
