import type { Bar } from '@rustybt/engine';
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
      if (!(bar.time > last)) {
        throw new DataInputError(
          `${source}: ${symbol} bars are not in strictly increasing time order (${iso(bar.time)} after ${iso(last)}). ` +
            `Sort or de-duplicate the data; 'rustybt test-data --source ${source}' lists every offending row`,
        );
      }
      last = bar.time;
    }
    yield batch;
  }
}
