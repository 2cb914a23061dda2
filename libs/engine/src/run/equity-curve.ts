import type Decimal from 'decimal.js';

export interface EquityPoint {
  time: number;
  equity: Decimal;
}

/**
 * An equity curve of bounded size for runs of any length: a point every `stride` bars; when the
 * buffer is full every other point is dropped and the stride doubles. Deterministic, so repeated
 * runs give the same curve.
 */
export class EquityCurve {
  readonly points: EquityPoint[] = [];
  private stride = 1;
  private since = 0;

  constructor(private readonly maxPoints: number) {}

  /** Hot path: true when this bar should be sampled. */
  due(): boolean {
    if (++this.since < this.stride) return false;
    this.since = 0;
    return true;
  }

  add(point: EquityPoint): void {
    const last = this.points[this.points.length - 1];
    if (last && last.time === point.time) {
      this.points[this.points.length - 1] = point;
      return;
    }
    this.points.push(point);
    if (this.points.length > this.maxPoints) {
      let w = 0;
      for (let r = 0; r < this.points.length; r += 2) this.points[w++] = this.points[r]!;
      this.points.length = w;
      this.stride *= 2;
    }
  }
}
