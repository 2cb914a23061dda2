import { DOWN, OPEN, PLANNED, type Segment } from './segments';
import type { IncidentKind } from './report-types';

export interface RawIncident {
  start: number;
  end: number;
  kind: IncidentKind;
}

/**
 * Outages (down, open, planned segments) merged into incidents: consecutive outages of the same class
 * (unplanned: down/open; planned) whose gap is shorter than `mergeGapMs` become one incident spanning both.
 * An unplanned incident that reaches the window end without recovery is `open`.
 */
export function incidentsOf(segments: readonly Segment[], mergeGapMs: number): RawIncident[] {
  const out: RawIncident[] = [];
  for (const s of segments) {
    if (s.label !== DOWN && s.label !== OPEN && s.label !== PLANNED) continue;
    const kind: IncidentKind = s.label === PLANNED ? 'planned' : s.label === OPEN ? 'open' : 'crash';
    const prev = out[out.length - 1];
    const sameClass = prev !== undefined && (prev.kind === 'planned') === (kind === 'planned');
    if (prev && sameClass && s.start - prev.end < mergeGapMs) {
      prev.end = s.end;
      if (kind === 'open') prev.kind = 'open';
    } else {
      out.push({ start: s.start, end: s.end, kind });
    }
  }
  return out;
}
