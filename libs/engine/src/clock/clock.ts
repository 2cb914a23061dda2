/**
 * Where "now" comes from. Backtests and replays run on a simulated clock that the engine advances
 * to each bar's time; paper and live runs read the wall clock. The engine only ever asks `now()`.
 */
export interface Clock {
  readonly kind: 'simulated' | 'wall';
  now(): number;
  /** Called by the engine with every bar's time; a wall clock ignores it. */
  observe(time: number): void;
}

export class SimulatedClock implements Clock {
  readonly kind = 'simulated' as const;
  private time: number;
  constructor(start = 0) {
    this.time = start;
  }
  now(): number {
    return this.time;
  }
  observe(time: number): void {
    // Bars of several symbols share a time; the clock never runs backwards.
    if (time > this.time) this.time = time;
  }
}

export class WallClock implements Clock {
  readonly kind = 'wall' as const;
  constructor(private readonly source: () => number = Date.now) {}
  now(): number {
    return this.source();
  }
  observe(_time: number): void {}
}
