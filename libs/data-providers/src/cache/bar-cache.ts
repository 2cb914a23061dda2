import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Bar, BarQuery } from '@rustybt/engine';
import { encodeBarFile, readBarFile, writeBarFile } from './bar-file';

export interface BarCacheOptions {
  /** RUSTYBT_HOME/data. */
  dir: string;
  /** Folder name of the source: yahoo, ccxt-binance. */
  source: string;
  onNotice?: (text: string) => void;
  /** The clock deciding which ranges are complete (tests). */
  now?: () => number;
}

type BatchFn = (symbol: string, query: BarQuery) => AsyncIterable<Bar[]>;

/** A symbol as a folder name: BTC/USDT -> BTC-USDT; anything unusual (and a leading dot) percent-encoded. */
export function symbolFolder(symbol: string): string {
  const safe = symbol.replace(/\//g, '-').replace(/[^A-Za-z0-9._=^-]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
  // A leading dot would make '..' climb out of the cache folder.
  return safe.replace(/^\./, '%2E');
}

const FILE = /^(-?\d+)_(-?\d+)\.bars$/;

/**
 * Serves a downloaded range from RUSTYBT_HOME/data/<source>/<symbol>/<interval>/<from>_<to>.bars
 * when a stored file covers it, else downloads, stores and serves. Only closed ranges (`to` set and
 * in the past) are stored: a range reaching into the future would freeze bars still forming. A file
 * failing its checksum is ignored and replaced.
 */
export function cachedBatches(inner: BatchFn, options: BarCacheOptions): BatchFn {
  const now = options.now ?? Date.now;
  return async function* (symbol, query) {
    const folder = join(options.dir, options.source, symbolFolder(symbol), query.interval);
    const { from, to } = query;
    if (from === undefined || to === undefined || to > now()) {
      yield* inner(symbol, query);
      return;
    }
    if (existsSync(folder)) {
      for (const name of readdirSync(folder)) {
        const m = FILE.exec(name);
        if (!m || Number(m[1]) > from || Number(m[2]) < to) continue;
        const file = readBarFile(join(folder, name));
        if (!file) {
          options.onNotice?.(`cache: ${join(folder, name)} is damaged (checksum or size); downloading again`);
          continue;
        }
        options.onNotice?.(`cache: served ${symbol} ${query.interval} from ${join(folder, name)}`);
        yield file.bars.filter((b) => b.time >= from && b.time < to).map((b) => ({ ...b, symbol }));
        return;
      }
    }
    const bars: Bar[] = [];
    for await (const batch of inner(symbol, query)) for (const bar of batch) bars.push(bar);
    const path = join(folder, `${from}_${to}.bars`);
    writeBarFile(path, encodeBarFile(bars, { symbol, interval: query.interval, from, to }));
    options.onNotice?.(`cache: stored ${bars.length} bar(s) in ${path}`);
    yield bars;
  };
}
