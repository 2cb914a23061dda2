import type { Bar } from '@rustybt/engine';
import type { BarColumns } from './csv/bar-columns';
import { DataInputError } from './errors';

const iso = (t: number) => new Date(t).toISOString();

/**
 * Enforces the HistoricalSource contract (strictly increasing time) on a stream of batches. The
 * error points at the quality report, which lists every offending row.
 */
export async function* strictlyIncreasing(batches: AsyncIterable<Bar[]>, source: string, symbol: string): AsyncGenerator<Bar[]> {
  let last = -Infinity;
  for await (const batch of batches) {
    for (const bar of batch) {
      if (!(bar.time > last)) throw outOfOrder(source, symbol, bar.time, last);
      last = bar.time;
    }
    yield batch;
  }
}

/** strictlyIncreasing for batches of columns. */
export async function* increasingColumns(batches: AsyncIterable<BarColumns>, source: string, symbol: string): AsyncGenerator<BarColumns> {
  let last = -Infinity;
  for await (const c of batches) {
    const time = c.time;
    for (let i = 0; i < c.length; i++) {
      const t = time[i]!;
      if (!(t > last)) throw outOfOrder(source, symbol, t, last);
      last = t;
    }
    yield c;
  }
}

function outOfOrder(source: string, symbol: string, time: number, last: number): DataInputError {
  return new DataInputError(
    `${source}: ${symbol} bars are not in strictly increasing time order (${iso(time)} after ${iso(last)}). ` +
      `Sort or de-duplicate the data; 'rustybt test-data --source ${source}' lists every offending row`,
  );
}
