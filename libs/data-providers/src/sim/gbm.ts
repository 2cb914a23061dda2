import { INTERVAL_MS, type Bar, type Interval } from '@rustybt/engine';
import { BarRecord } from '../bar-record';
import { DataInputError } from '../errors';
import { hashString, SeededRandom } from './random';

export interface SimOptions {
  /** Same seed (and symbol), same bars. Default 42. */
  seed?: number;
  /** Annual drift (0.05 = +5 % a year). Default 0.05. */
  drift?: number;
  /** Annual volatility (0.2 = 20 %). Default 0.2. */
  volatility?: number;
  /** First open price. Default 100. */
  startPrice?: number;
  /** Mean volume per bar; 0 leaves volume at 0. Default 1000. */
  volume?: number;
  /** Prices are rounded to this tick. Default 0.01. */
  tick?: number;
  /** Time of the first bar of the historical path (epoch ms). Default 2020-01-01T00:00Z. */
  anchor?: number;
}

export const SIM_DEFAULT_ANCHOR = Date.UTC(2020, 0, 1);
const YEAR_MS = 365 * 86_400_000;

export function checkSimOptions(o: SimOptions): Required<SimOptions> {
  const r = {
    seed: o.seed ?? 42,
    drift: o.drift ?? 0.05,
    volatility: o.volatility ?? 0.2,
    startPrice: o.startPrice ?? 100,
    volume: o.volume ?? 1000,
    tick: o.tick ?? 0.01,
    anchor: o.anchor ?? SIM_DEFAULT_ANCHOR,
  };
  const bad = (what: string, fix: string) => new DataInputError(`sim: ${what}. ${fix}`);
  if (!Number.isInteger(r.seed)) throw bad(`seed ${r.seed} is not an integer`, 'Give a whole number');
  if (!Number.isFinite(r.drift)) throw bad('drift is not a number', 'Give e.g. 0.05 for +5 % a year');
  if (!(r.volatility >= 0 && r.volatility <= 10))
    throw bad(`volatility ${r.volatility} is out of range`, 'Give an annual volatility between 0 and 10 (0.2 = 20 %)');
  if (!(r.startPrice > 0 && Number.isFinite(r.startPrice))) throw bad(`start price ${r.startPrice} is not positive`, 'Give a price above 0');
  if (!(r.volume >= 0 && Number.isFinite(r.volume))) throw bad(`volume ${r.volume} is negative`, 'Give 0 or a positive mean volume');
  if (!(r.tick > 0 && r.tick <= r.startPrice)) throw bad(`tick ${r.tick} is out of range`, 'Give a positive tick below the start price');
  if (!Number.isFinite(r.anchor)) throw bad('anchor is not a time', 'Give epoch milliseconds');
  return r;
}

/** Decimal places of a tick: 0.01 -> 2, 0.25 -> 2, 0.125 -> 3, 2.5 -> 1 (up to 12). */
function decimalsOf(tick: number): number {
  let d = 0;
  while (d < 12 && Math.abs(tick * 10 ** d - Math.round(tick * 10 ** d)) > 1e-9 * 10 ** d) d++;
  return d;
}

/**
 * Geometric Brownian motion, one bar per step: open = previous close, close = open * exp((mu - s²/2)dt + s√dt Z),
 * high/low widened by a half-normal intrabar excursion, volume log-normal around the mean.
 */
export class GbmPath {
  private readonly rng: SeededRandom;
  private readonly step: number;
  private readonly driftTerm: number;
  private readonly volTerm: number;
  private price: number;
  /** 10^(decimals of the tick). */
  private readonly scale: number;
  private readonly o: Required<SimOptions>;

  constructor(
    readonly symbol: string,
    readonly interval: Interval,
    options: SimOptions = {},
  ) {
    this.o = checkSimOptions(options);
    this.rng = new SeededRandom((this.o.seed ^ hashString(`${symbol}/${interval}`)) >>> 0);
    this.step = INTERVAL_MS[interval];
    const dt = this.step / YEAR_MS;
    this.driftTerm = (this.o.drift - (this.o.volatility * this.o.volatility) / 2) * dt;
    this.volTerm = this.o.volatility * Math.sqrt(dt);
    this.price = this.o.startPrice;
    this.scale = 10 ** decimalsOf(this.o.tick);
  }

  /**
   * A multiple of the tick as the double nearest its decimal text: the same number as
   * Number(x.toFixed(decimals)), because k / 10^decimals of two exact integers is correctly
   * rounded, at a fraction of the cost (toFixed was a tenth of a replay's time).
   */
  private fix(x: number): number {
    return Math.round(x * this.scale) / this.scale;
  }

  private round(x: number): number {
    const tick = this.o.tick;
    return Math.max(tick, Math.round(x / tick) * tick);
  }

  /** Moves one step without building a bar: the same random draws as next(), so paths stay aligned. */
  advance(): void {
    const rng = this.rng;
    this.price *= Math.exp(this.driftTerm + this.volTerm * rng.normal());
    rng.normal();
    rng.normal();
    if (this.o.volume > 0) rng.normal();
  }

  /** The next bar at `time`; consumes the same random numbers whatever the time is. */
  next(time: number): Bar {
    const rng = this.rng;
    const open = this.price;
    const close = open * Math.exp(this.driftTerm + this.volTerm * rng.normal());
    const up = Math.abs(rng.normal()) * this.volTerm * 0.5;
    const down = Math.abs(rng.normal()) * this.volTerm * 0.5;
    const volume = this.o.volume > 0 ? Math.round(this.o.volume * Math.exp(0.5 * rng.normal() - 0.125)) : 0;
    this.price = close;
    const o = this.round(open);
    const c = this.round(close);
    const high = this.fix(Math.max(this.round(Math.max(open, close) * (1 + up)), o, c));
    const low = this.fix(Math.min(this.round(Math.min(open, close) * (1 - down)), o, c));
    return new BarRecord(this.symbol, time, this.fix(o), high, low, this.fix(c), volume);
  }
}
