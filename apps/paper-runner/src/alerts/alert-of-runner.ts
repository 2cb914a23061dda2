import type { AlertInput } from '@rustybt/alerts';

/** `session_stop` with reason error: the session is over and nobody stopped it on purpose. */
export function sessionFailedAlert(session: string, runStartedAt: number, failure: string | undefined, at: number): AlertInput {
  return {
    id: `${session}:session_stop:${runStartedAt}`,
    event: 'session_stop',
    severity: 'critical',
    session,
    summary: `session stopped on an error${failure ? `: ${failure}` : ''}`,
    details: { reason: 'error', ...(failure ? { error: failure } : {}) },
    at,
  };
}

/** A resumed venue session whose checkpoint and the venue disagree: it did not start. */
export function reconcileMismatchAlert(session: string, message: string, at: number): AlertInput {
  return {
    id: `${session}:reconcile_mismatch:${at}`,
    event: 'reconcile_mismatch',
    severity: 'critical',
    session,
    summary: `reconciliation at start failed: ${message}`,
    details: { message },
    at,
  };
}

/** The feed has not delivered a bar for longer than health allows. */
export function feedStaleAlert(session: string, lastBarAgeMs: number, staleAfterMs: number, at: number): AlertInput {
  return {
    id: `${session}:feed_stale:${at}`,
    event: 'feed_stale',
    severity: 'critical',
    session,
    summary: `no bar from the feed for ${Math.round(lastBarAgeMs / 1000)} s (stale after ${Math.round(staleAfterMs / 1000)} s)`,
    details: { last_bar_age_ms: lastBarAgeMs, stale_after_ms: staleAfterMs },
    at,
  };
}

export function feedResumedAlert(session: string, staleForMs: number, at: number): AlertInput {
  return {
    id: `${session}:feed_resumed:${at}`,
    event: 'feed_resumed',
    severity: 'info',
    session,
    summary: `the feed delivers bars again after ${Math.round(staleForMs / 1000)} s`,
    details: { stale_for_ms: staleForMs },
    at,
  };
}
