import { BarRecord } from '@rustybt/data-providers';
import type { Bar, EngineRun, RunResult } from '@rustybt/engine';
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

/**
 * The bar objects of a set of chunks, made once: a sweep thread runs many combinations over the same
 * bars, and handing each run the same (immutable) objects spares it allocating a million of them.
 */
export function barsOf(chunks: readonly BarChunk[], symbols: readonly string[]): Bar[] {
  const bars: Bar[] = [];
  for (const { time, open, high, low, close, volume, symbol, length } of chunks)
    for (let i = 0; i < length; i++) bars.push(new BarRecord(symbols[symbol[i]!]!, time[i]!, open[i]!, high[i]!, low[i]!, close[i]!, volume[i]!));
  return bars;
}

/** runOverChunks over bars made by barsOf: the same bars in the same order, so the same result. */
export async function runOverBars(run: EngineRun, bars: readonly Bar[]): Promise<RunResult> {
  try {
    for (let i = 0; i < bars.length; i++) run.processBar(bars[i]!);
  } catch (err) {
    await run.stop('error').catch(() => undefined);
    throw err;
  }
  return run.stop('completed');
}
