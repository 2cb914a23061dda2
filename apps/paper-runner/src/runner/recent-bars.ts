import type { Bar } from '@rustybt/engine';

/** The last N bars processed, oldest first on read: what a fresh engine needs to refill its history windows. */
export class RecentBars {
  private readonly ring: Bar[];
  private count = 0;

  constructor(size: number) {
    this.ring = new Array<Bar>(Math.max(1, size));
  }

  push(bar: Bar): void {
    this.ring[this.count++ % this.ring.length] = bar;
  }

  list(): Bar[] {
    const n = Math.min(this.count, this.ring.length);
    const out: Bar[] = [];
    for (let i = this.count - n; i < this.count; i++) out.push(this.ring[i % this.ring.length]!);
    return out;
  }
}
