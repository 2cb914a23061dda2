import { BarRecord } from '@rustybt/data-providers';
import type { EngineRun, RunResult } from '@rustybt/engine';
import type { BarChunk } from './columns';

export interface ChunkProgress {
  update(bars: number, time: number): void;
}

/**
 * Feeds chunks of columns to a started run, one bar object per bar (built by a constructor so it
 * dies young), and stops it. A single run and every combination of a sweep go through here, so
 * both see exactly the same bars.
 */
export async function runOverChunks(
  run: EngineRun,
  chunks: AsyncIterable<BarChunk> | Iterable<BarChunk>,
  symbols: readonly string[],
  progress?: ChunkProgress,
): Promise<RunResult> {
  let count = 0;
  try {
    for await (const c of chunks) {
      const { time, open, high, low, close, volume, symbol } = c;
      const n = c.length;
      if (symbols.length === 1) {
        const s = symbols[0]!;
        for (let i = 0; i < n; i++) run.processBar(new BarRecord(s, time[i]!, open[i]!, high[i]!, low[i]!, close[i]!, volume[i]!));
      } else {
        for (let i = 0; i < n; i++) run.processBar(new BarRecord(symbols[symbol[i]!]!, time[i]!, open[i]!, high[i]!, low[i]!, close[i]!, volume[i]!));
      }
      count += n;
      if (n > 0) progress?.update(count, time[n - 1]!);
    }
  } catch (err) {
    await run.stop('error').catch(() => undefined);
    throw err;
  }
  return run.stop('completed');
}
