import type { Bar, Interval } from '@rustybt/engine';
import type { TradingCalendar } from '../calendar/calendar';

export const CHECK_NAMES = ['schema', 'order', 'gaps', 'ohlc', 'prices', 'zero-volume', 'outliers'] as const;
export type CheckName = (typeof CHECK_NAMES)[number];

export interface Offence {
  /** Position in the series, 0-based. */
  index: number;
  time: number;
  detail: string;
}

export interface CheckResult {
  name: CheckName;
  description: string;
  pass: boolean;
  /** Offending rows (gaps: places where bars are missing). */
  count: number;
  /** The first offending rows, in series order. */
  first: Offence[];
  /** Why a check was not applicable, or a total worth stating (missing bars). */
  note?: string;
}

export interface QualityReport {
  bars: number;
  pass: boolean;
  checks: CheckResult[];
}

export interface ValidateOptions {
  interval: Interval;
  /** Expected sessions; without one the gap check is skipped. */
  calendar?: TradingCalendar;
  /** Returns further than this many robust sigmas from the median are outliers. Default 8. */
  sigma?: number;
  /** This many zero-volume bars in a row fail the check. Default 5. */
  zeroVolumeRun?: number;
  /** Offending rows kept per check. Default 5. */
  sample?: number;
}

const MIN_RETURNS_FOR_OUTLIERS = 20;
const iso = (t: number) => (Number.isFinite(t) ? new Date(t).toISOString() : String(t));

class Collector {
  count = 0;
  readonly first: Offence[] = [];
  note: string | undefined;
  constructor(
    readonly name: CheckName,
    readonly description: string,
    private readonly sample: number,
  ) {}
  add(index: number, time: number, detail: string): void {
    this.count++;
    if (this.first.length < this.sample) this.first.push({ index, time, detail });
  }
  result(): CheckResult {
    return {
      name: this.name,
      description: this.description,
      pass: this.count === 0,
      count: this.count,
      first: this.first,
      ...(this.note ? { note: this.note } : {}),
    };
  }
}

function median(values: Float64Array): number {
  const sorted = Float64Array.from(values).sort();
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const isNum = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);

/**
 * Runs every quality check over a series and reports, per check, pass/fail, a count and the
 * first offending rows. Outliers use a robust sigma (1.4826 × median absolute deviation of log
 * returns) so one huge jump cannot hide itself by inflating the standard deviation.
 */
export function validateBars(bars: readonly Bar[], options: ValidateOptions): QualityReport {
  const sample = options.sample ?? 5;
  const sigmas = options.sigma ?? 8;
  const runLimit = options.zeroVolumeRun ?? 5;
  const schema = new Collector('schema', 'every field present and a finite number, volume >= 0', sample);
  const order = new Collector('order', 'timestamps strictly increasing (no duplicates)', sample);
  const gaps = new Collector('gaps', options.calendar ? `no missing bars against the ${options.calendar.name} calendar` : 'no missing bars', sample);
  const ohlc = new Collector('ohlc', 'low <= open, close <= high', sample);
  const prices = new Collector('prices', 'prices above zero', sample);
  const zeroVolume = new Collector('zero-volume', `no run of ${runLimit} or more zero-volume bars`, sample);
  const outliers = new Collector('outliers', `no close-to-close return beyond ${sigmas} robust sigmas`, sample);

  const valid: boolean[] = new Array(bars.length);
  let missingTotal = 0;
  let run = 0;
  for (let i = 0; i < bars.length; i++) {
    const b = bars[i]!;
    const ok =
      isNum(b.time) && Number.isInteger(b.time) && isNum(b.open) && isNum(b.high) && isNum(b.low) && isNum(b.close) && isNum(b.volume) && b.volume >= 0;
    valid[i] = ok;
    if (!ok) {
      const bad = (['time', 'open', 'high', 'low', 'close', 'volume'] as const).filter(
        (k) => !isNum(b[k]) || (k === 'volume' && b.volume < 0) || (k === 'time' && !Number.isInteger(b.time)),
      );
      schema.add(i, b.time, `bad ${bad.join(', ')}: ${bad.map((k) => `${k}=${String(b[k])}`).join(' ')}`);
      continue;
    }
    if (b.open <= 0 || b.high <= 0 || b.low <= 0 || b.close <= 0) prices.add(i, b.time, `o=${b.open} h=${b.high} l=${b.low} c=${b.close}`);
    if (b.low > Math.min(b.open, b.close) || b.high < Math.max(b.open, b.close) || b.low > b.high)
      ohlc.add(i, b.time, `o=${b.open} h=${b.high} l=${b.low} c=${b.close}`);
    if (b.volume === 0) {
      run++;
      if (run === runLimit)
        zeroVolume.add(i - runLimit + 1, bars[i - runLimit + 1]!.time, `${runLimit}+ zero-volume bars from ${iso(bars[i - runLimit + 1]!.time)}`);
    } else {
      run = 0;
    }
    if (options.calendar && !options.calendar.isOpenAt(b.time, options.interval)) gaps.add(i, b.time, `bar outside ${options.calendar.name} sessions`);
    const prev = i > 0 && valid[i - 1] ? bars[i - 1]! : undefined;
    if (!prev) continue;
    if (b.time === prev.time) order.add(i, b.time, `duplicate of row ${i - 1}`);
    else if (b.time < prev.time) order.add(i, b.time, `goes back from ${iso(prev.time)}`);
    else if (options.calendar) {
      const missing = options.calendar.missingBetween(prev.time, b.time, options.interval);
      if (missing > 0) {
        missingTotal += missing;
        gaps.add(i, b.time, `${missing} bar(s) missing after ${iso(prev.time)}`);
      }
    }
  }
  if (options.calendar) gaps.note = `${missingTotal} bar(s) missing in total`;
  else gaps.note = 'skipped: no calendar';

  const returns: number[] = [];
  const at: number[] = [];
  for (let i = 1; i < bars.length; i++) {
    const a = bars[i - 1]!;
    const b = bars[i]!;
    if (valid[i] && valid[i - 1] && a.close > 0 && b.close > 0) {
      returns.push(Math.log(b.close / a.close));
      at.push(i);
    }
  }
  if (returns.length < MIN_RETURNS_FOR_OUTLIERS) {
    outliers.note = `skipped: fewer than ${MIN_RETURNS_FOR_OUTLIERS} returns`;
  } else {
    const r = Float64Array.from(returns);
    const med = median(r);
    const mad = median(r.map((x) => Math.abs(x - med)));
    const robustSigma = 1.4826 * mad;
    if (robustSigma === 0) {
      outliers.note = 'skipped: prices do not move';
    } else {
      for (let k = 0; k < returns.length; k++) {
        const z = (returns[k]! - med) / robustSigma;
        if (Math.abs(z) > sigmas) {
          const i = at[k]!;
          outliers.add(
            i,
            bars[i]!.time,
            `return ${(Math.expm1(returns[k]!) * 100).toFixed(2)}% (${z.toFixed(1)} sigma) from ${bars[i - 1]!.close} to ${bars[i]!.close}`,
          );
        }
      }
    }
  }
  const checks = [schema, order, gaps, ohlc, prices, zeroVolume, outliers].map((c) => c.result());
  return { bars: bars.length, pass: checks.every((c) => c.pass), checks };
}
