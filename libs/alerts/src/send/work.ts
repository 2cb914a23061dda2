import type { Alert } from '../alert';
import type { DueRow, WindowRow } from '../outbox/rows';

export function alertOfRow(r: DueRow): Alert {
  return {
    id: r.id,
    event: r.event,
    severity: r.severity,
    session: r.session,
    summary: r.summary,
    details: JSON.parse(r.details) as Record<string, unknown>,
    at: r.at,
  };
}

/** The next message a channel sends: one alert, or the digest of a flood window's held alerts. */
export type Work = { kind: 'single'; row: DueRow } | { kind: 'digest'; window: WindowRow; members: DueRow[] };
