const YEAR_MS = 365.25 * 86_400_000;

export interface PerformanceStats {
  bars: number;
  firstTime: number | null;
  lastTime: number | null;
  /** Largest peak-to-trough fall of equity, as a fraction of the peak (0.1 = 10%). */
  maxDrawdown: number;
  /** Annualised Sharpe ratio of per-bar returns (risk-free rate 0); 0 when undefined. */
  sharpe: number;
  /** Compound annual growth rate; 0 for a run shorter than one bar interval. */
  cagr: number;
  /** Fraction of bars that ended with an open position. */
  exposure: number;
}

/**
 * Per-bar statistics in plain floats, updated in O(1) with no allocation: drawdown from the running
 * peak, Sharpe from a running mean/variance of returns (Welford), time in the market. These are
 * statistics of the float equity estimate; the figures of record (equity, return) are decimals.
 */
export class PerformanceTracker {
  private bars = 0;
  private invested = 0;
  private firstTime = Number.NaN;
  private lastTime = Number.NaN;
  private prevEquity = Number.NaN;
  private peak = Number.NEGATIVE_INFINITY;
  private maxDd = 0;
  private n = 0;
  private mean = 0;
  private m2 = 0;

  onBar(time: number, equity: number, isInvested: boolean): void {
    if (this.bars === 0) this.firstTime = time;
    this.bars++;
    if (isInvested) this.invested++;
    // Bars of several symbols at one time are one observation of equity.
    if (time !== this.lastTime) {
      if (this.prevEquity > 0) {
        const r = equity / this.prevEquity - 1;
        this.n++;
        const d = r - this.mean;
        this.mean += d / this.n;
        this.m2 += d * (r - this.mean);
      }
      this.prevEquity = equity;
    } else {
      this.prevEquity = equity;
    }
    this.lastTime = time;
    if (equity > this.peak) this.peak = equity;
    else if (this.peak > 0) {
      const dd = (this.peak - equity) / this.peak;
      if (dd > this.maxDd) this.maxDd = dd;
    }
  }

  stats(initialEquity: number, finalEquity: number): PerformanceStats {
    const span = this.lastTime - this.firstTime;
    const step = this.n > 0 ? span / this.n : 0;
    const years = (span + step) / YEAR_MS;
    const variance = this.n > 1 ? this.m2 / (this.n - 1) : 0;
    const sd = Math.sqrt(variance);
    const sharpe = sd > 0 && step > 0 ? (this.mean / sd) * Math.sqrt(YEAR_MS / step) : 0;
    const growth = finalEquity / initialEquity;
    const cagr = years > 0 && growth > 0 && step > 0 ? growth ** (1 / years) - 1 : 0;
    return {
      bars: this.bars,
      firstTime: this.bars > 0 ? this.firstTime : null,
      lastTime: this.bars > 0 ? this.lastTime : null,
      maxDrawdown: this.maxDd,
      sharpe: Number.isFinite(sharpe) ? sharpe : 0,
      cagr: Number.isFinite(cagr) ? cagr : 0,
      exposure: this.bars > 0 ? this.invested / this.bars : 0,
    };
  }
}
