import type { Severity } from '../config/schema';

export type DeliveryState = 'pending' | 'held' | 'sent' | 'digested' | 'dead';

/** A delivery joined with its alert: one alert to one channel. */
export interface DueRow {
  alert_seq: number;
  channel: string;
  grp: string;
  state: DeliveryState;
  attempts: number;
  next_at: number;
  /** Set when the delivery took a slot of its flood window (so a restart does not count it twice). */
  via: string | null;
  id: string;
  event: string;
  severity: Severity;
  session: string;
  summary: string;
  details: string;
  at: number;
}

/** A flood window of one channel and group (rule:event), kept in the file so a restart digests the same set. */
export interface WindowRow {
  channel: string;
  grp: string;
  window_ms: number;
  started_at: number;
  ends_at: number;
  individually: number;
  digest_attempts: number;
  digest_next_at: number;
}
