import { worstWindow } from './burn-rate';
import { incidentsOf } from './incidents';
import type { BurnRate, UptimeAnalysis, UptimeReport } from './report-types';
import { DEGRADED, DOWN, LABEL_NAMES, OPEN, PLANNED, UNKNOWN, type Segment } from './segments';
import type { Timeline } from './timeline';

export interface SummaryInput {
  timeline: Timeline;
  start: number;
  end: number;
  sloTargetPct: number;
  excludePlanned: boolean;
  mergeGapMs: number;
  lines: { read: number; malformed: number };
  settings: UptimeReport['settings'];
  files: UptimeReport['files'];
}

const BURN_WINDOWS = [
  ['1h', 3_600_000],
  ['6h', 21_600_000],
  ['1d', 86_400_000],
] as const;

const iso = (ms: number) => new Date(ms).toISOString();
const sec = (ms: number) => Math.round(ms) / 1000;

/** Everything in the report, computed from the finished timeline cut to the window [start, end]. */
export function summarize(input: SummaryInput): UptimeAnalysis {
  const { timeline, start, end } = input;
  const segments = timeline.segments.clip(start, end);
  const evidenceFrom = Number.isNaN(timeline.firstLivenessAt) ? end : Math.min(Math.max(timeline.firstLivenessAt, start), end);
  const unknownMs = evidenceFrom - start;
  const total = [0, 0, 0, 0, 0];
  for (const s of segments) total[s.label]! += s.end - s.start;
  const windowMs = end - start;
  const observedMs = windowMs - unknownMs;
  const unplannedMs = total[DOWN]! + total[OPEN]!;
  const plannedMs = total[PLANNED]!;
  const downtimeMs = unplannedMs + (input.excludePlanned ? 0 : plannedMs);

  // Parts per million keep the budget exact for targets such as 99.9 (0.1% of a month is 2592 s, not 2591.99...).
  const allowedPpm = 1_000_000 - Math.round(input.sloTargetPct * 10_000);
  const budgetMs = (observedMs * allowedPpm) / 1_000_000;
  const met = BigInt(Math.round(downtimeMs)) * 1_000_000n <= BigInt(Math.round(observedMs)) * BigInt(allowedPpm);

  const incidents = incidentsOf(segments, input.mergeGapMs);
  const crashes = incidents.filter((i) => i.kind === 'crash');
  const failures = incidents.filter((i) => i.kind !== 'planned').length;
  const operatingMs = observedMs - unplannedMs - plannedMs;

  const slo = segments.filter((s) => s.label === DOWN || s.label === OPEN || (!input.excludePlanned && s.label === PLANNED));
  const mergedSlo = mergeAdjacent(slo);
  const burnRate = {} as UptimeReport['burnRate'];
  for (const [name, length] of BURN_WINDOWS) {
    const w = worstWindow(
      mergedSlo.map((s) => s.start),
      mergedSlo.map((s) => s.end),
      evidenceFrom,
      end,
      length,
    );
    burnRate[name] = w && allowedPpm > 0 ? ({ rate: round((w.downMs / length) * (1_000_000 / allowedPpm), 4), at: iso(w.endAt) } satisfies BurnRate) : null;
  }

  const byType = Object.fromEntries([...timeline.errorsByType.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  const report: UptimeReport = {
    window: { start: iso(start), end: iso(end) },
    uptimePct: observedMs > 0 ? round(100 * (1 - downtimeMs / observedMs), 6) : 0,
    slo: { target: input.sloTargetPct, met, budgetSeconds: sec(budgetMs), budgetLeftSeconds: sec(budgetMs - downtimeMs) },
    seconds: {
      window: sec(windowMs),
      observed: sec(observedMs),
      unknown: sec(unknownMs),
      down: sec(unplannedMs),
      planned: sec(plannedMs),
      degraded: sec(total[DEGRADED]!),
    },
    incidents: incidents.map((i) => ({ start: iso(i.start), end: iso(i.end), durationSeconds: sec(i.end - i.start), kind: i.kind })),
    restarts: timeline.restarts,
    mttrSeconds: crashes.length > 0 ? sec(crashes.reduce((a, i) => a + i.end - i.start, 0) / crashes.length) : null,
    mtbfSeconds: failures > 0 ? sec(operatingMs / failures) : null,
    operations: timeline.operations,
    errors: {
      total: timeline.errors,
      per1000Ops: timeline.operations > 0 ? round((timeline.errors * 1000) / timeline.operations, 3) : null,
      byType,
    },
    lines: input.lines,
    burnRate,
    clock: { backwardSteps: timeline.backwardSteps, largestStepSeconds: sec(timeline.largestStepMs) },
    settings: input.settings,
    files: input.files,
  };
  const spans: Segment[] = unknownMs > 0 ? [{ start, end: evidenceFrom, label: UNKNOWN }, ...segments] : segments;
  return { report, timeline: spans.map((s) => ({ start: s.start, end: s.end, label: LABEL_NAMES[s.label] })) };
}

function mergeAdjacent(segments: readonly Segment[]): Segment[] {
  const out: Segment[] = [];
  for (const s of segments) {
    const prev = out[out.length - 1];
    if (prev && prev.end === s.start) prev.end = s.end;
    else out.push({ ...s });
  }
  return out;
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
