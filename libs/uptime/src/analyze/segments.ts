/** What the runner was doing during a stretch of time. Small integers: the hot path stores millions of these decisions. */
export const UP = 0;
export const DEGRADED = 1;
export const DOWN = 2;
export const PLANNED = 3;
export const OPEN = 4;
export const UNKNOWN = 5;
export type Label = 0 | 1 | 2 | 3 | 4 | 5;
export const LABEL_NAMES = ['up', 'degraded', 'down', 'planned', 'open', 'unknown'] as const;
export type LabelName = (typeof LABEL_NAMES)[number];

export interface Segment {
  start: number;
  end: number;
  label: Label;
}

/** Contiguous labelled stretches in time order; a stretch that continues the previous one with the same label extends it. */
export class SegmentList {
  readonly starts: number[] = [];
  readonly ends: number[] = [];
  readonly labels: Label[] = [];

  add(start: number, end: number, label: Label): void {
    if (end <= start) return;
    const n = this.labels.length - 1;
    if (n >= 0 && this.labels[n] === label && this.ends[n] === start) {
      this.ends[n] = end;
      return;
    }
    this.starts.push(start);
    this.ends.push(end);
    this.labels.push(label);
  }

  /** The segments cut to [from, to]. */
  clip(from: number, to: number): Segment[] {
    const out: Segment[] = [];
    for (let i = 0; i < this.labels.length; i++) {
      const start = Math.max(this.starts[i]!, from);
      const end = Math.min(this.ends[i]!, to);
      if (end > start) out.push({ start, end, label: this.labels[i]! });
    }
    return out;
  }
}
