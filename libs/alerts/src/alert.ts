import { createHash } from 'node:crypto';
import type { Severity } from './config/schema';

/** What a caller hands to `enqueue`: id and time may be left to the outbox. */
export interface AlertInput {
  /** Stable dedup key: the same event enqueued twice (a replay after a restart) is one alert. */
  id?: string;
  event: string;
  /** The caller's default; `alerts.rules.severity` may replace it. */
  severity: Severity;
  session: string;
  summary: string;
  details?: Record<string, unknown>;
  /** Epoch ms of what happened (default: now). */
  at?: number;
}

export interface Alert {
  id: string;
  event: string;
  severity: Severity;
  session: string;
  summary: string;
  details: Record<string, unknown>;
  at: number;
}

const RANK: Record<Severity, number> = { info: 0, warning: 1, critical: 2 };
export const severityAtLeast = (s: Severity, min: Severity) => RANK[s] >= RANK[min];

/** A deterministic id from what the alert says, for callers that have no natural key. */
export function alertIdOf(a: Pick<Alert, 'session' | 'event' | 'at' | 'summary'>): string {
  return createHash('sha256').update(`${a.session}\u0000${a.event}\u0000${a.at}\u0000${a.summary}`).digest('hex').slice(0, 32);
}

/** The contract's JSON body of an alert (webhook, and the record every channel renders from). */
export function alertPayload(a: Alert) {
  return { id: a.id, event: a.event, severity: a.severity, session: a.session, summary: a.summary, details: a.details, at: new Date(a.at).toISOString() };
}
export type AlertPayload = ReturnType<typeof alertPayload>;
