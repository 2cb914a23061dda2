import type Decimal from 'decimal.js';

export interface EquityPoint {
  time: number;
  equity: Decimal;
}

/** What equity is made of at one moment: immutable decimals and plain marks, valued only if kept. */
export interface Valuation {
  cash: Decimal;
  holdings: { quantity: Decimal; price: number }[];
}

interface Sample {
  time: number;
  valuation: Valuation;
}

const value = (v: Valuation): Decimal => {
  let e = v.cash;
  for (const h of v.holdings) e = e.add(h.quantity.mul(h.price));
  return e;
};

/**
 * An equity curve of bounded size for runs of any length: a sample every `stride` bars; when the
 * buffer is full every other sample is dropped and the stride doubles. Samples hold the parts of
 * equity (decimals are immutable, so holding them is free) and are valued only when read: most
 * samples of a long run are dropped before anyone looks. Deterministic, so repeated runs agree.
 */
export class EquityCurve {
  private readonly samples: Sample[] = [];
  private stride = 1;
  private since = 0;
  /** What pass() counts in place of samples.length. */
  private passed = 0;
  private lastPassed = Number.NaN;

  constructor(private readonly maxPoints: number) {}

  /** Hot path: true when this bar should be sampled. */
  due(): boolean {
    if (++this.since < this.stride) return false;
    this.since = 0;
    return true;
  }

  add(time: number, valuation: Valuation): void {
    const last = this.samples[this.samples.length - 1];
    if (last && last.time === time) {
      last.valuation = valuation;
      return;
    }
    this.samples.push({ time, valuation });
    if (this.samples.length > this.maxPoints) {
      let w = 0;
      for (let r = 0; r < this.samples.length; r += 2) this.samples[w++] = this.samples[r]!;
      this.samples.length = w;
      this.stride *= 2;
    }
  }

  /**
   * Moves the sampling on exactly as add() would, keeping nothing: a run that keeps no curve
   * still samples (and emits) its equity at the same bars.
   */
  pass(time: number): void {
    if (time === this.lastPassed) return;
    this.lastPassed = time;
    if (++this.passed > this.maxPoints) {
      this.passed = Math.ceil(this.passed / 2);
      this.stride *= 2;
    }
  }

  get points(): EquityPoint[] {
    return this.samples.map((s) => ({ time: s.time, equity: value(s.valuation) }));
  }
}
