import type { LabelName } from './segments';

export type IncidentKind = 'crash' | 'planned' | 'open';

export interface Incident {
  start: string;
  end: string;
  durationSeconds: number;
  kind: IncidentKind;
}

export interface BurnRate {
  /** Downtime share of the worst window divided by the share the SLO allows (1 = exactly on budget). */
  rate: number;
  /** End of the worst window. */
  at: string;
}

/** The JSON report of `rustybt analyze-uptime --format json` (keys as in issue 7, plus the ones marked extra). */
export interface UptimeReport {
  window: { start: string; end: string };
  uptimePct: number;
  slo: { target: number; met: boolean; budgetSeconds: number; budgetLeftSeconds: number };
  seconds: { window: number; observed: number; unknown: number; down: number; planned: number; degraded: number };
  incidents: Incident[];
  restarts: number;
  mttrSeconds: number | null;
  mtbfSeconds: number | null;
  operations: number;
  errors: { total: number; per1000Ops: number | null; byType: Record<string, number> };
  lines: { read: number; malformed: number };
  /** extra: worst burn rate over 1h, 6h and 1d windows (null when the observed time is shorter). */
  burnRate: { '1h': BurnRate | null; '6h': BurnRate | null; '1d': BurnRate | null };
  /** extra: clock steps backwards seen in the logs (flagged, never downtime). */
  clock: { backwardSteps: number; largestStepSeconds: number };
  /** extra: the settings the figures were computed with. */
  settings: {
    heartbeatSeconds: number;
    graceSeconds: number;
    mergeGapSeconds: number;
    excludePlanned: boolean;
    logFormat: string;
    /** The one session analyzed (--session), or null for all. */
    session: string | null;
  };
  /** extra: files read in order, .gz files skipped (a plain copy exists), and compressed files that broke off. */
  files: { read: string[]; skipped: string[]; errors: string[] };
}

export interface TimelineSpan {
  start: number;
  end: number;
  label: LabelName;
}

/** The report plus the labelled timeline behind it (for charts). */
export interface UptimeAnalysis {
  report: UptimeReport;
  timeline: TimelineSpan[];
}
