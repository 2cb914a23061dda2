import { INTERVAL_MS, type Interval } from '@rustybt/engine';
import { readCsvBatches, type CsvReadOptions } from './read-csv';

/** Bars looked at: enough for a clear majority through weekends, holidays and missing bars. */
const SAMPLE_BARS = 500;

/**
 * The bar spacing of a series: the most common gap between consecutive times (ties: the
 * smaller). Gaps of nights, weekends and missing bars are longer and rarer, so they do not win.
 * Undefined for fewer than two bars.
 */
export function modalSpacing(times: ArrayLike<number>): number | undefined {
  const counts = new Map<number, number>();
  for (let i = 1; i < times.length; i++) {
    const gap = times[i]! - times[i - 1]!;
    if (gap > 0) counts.set(gap, (counts.get(gap) ?? 0) + 1);
  }
  let best: number | undefined;
  let bestCount = 0;
  for (const [gap, count] of counts) {
    if (count > bestCount || (count === bestCount && gap < best!)) {
      best = gap;
      bestCount = count;
    }
  }
  return best;
}

/** The engine interval whose length is `ms`, if there is one. */
export function intervalOfSpacing(ms: number): Interval | undefined {
  return (Object.keys(INTERVAL_MS) as Interval[]).find((k) => INTERVAL_MS[k] === ms);
}

/**
 * The bar spacing of a CSV file in ms, from its first few hundred rows (read with the same reader,
 * so the same errors). Undefined when the file has fewer than two rows.
 */
export async function csvBarSpacing(file: string, options: Omit<CsvReadOptions, 'from' | 'to'> = {}): Promise<number | undefined> {
  const times: number[] = [];
  const batches = readCsvBatches(file, options);
  try {
    for await (const batch of batches) {
      for (const bar of batch) {
        times.push(bar.time);
        if (times.length >= SAMPLE_BARS) return modalSpacing(times);
      }
    }
  } finally {
    await batches.return(undefined);
  }
  return modalSpacing(times);
}
