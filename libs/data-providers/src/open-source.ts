import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { INTERVAL_MS, type Bar, type BarQuery, type HistoricalSource, type Interval, type LiveSource } from '@rustybt/engine';
import type { Observable } from 'rxjs';
import type { BarColumns } from './csv/bar-columns';
import { flattenBatches, readCsvBatches, readCsvColumns, type CsvReadOptions } from './csv/read-csv';
import { naiveTimeZone } from './csv/timezone';
import { DataInputError } from './errors';
import { checkSpeed, pacedStream } from './live/pace';
import { polledLive } from './live/polled-live';
import { increasingColumns, strictlyIncreasing } from './ordered';
import { checkSimOptions, type SimOptions } from './sim/gbm';
import { simBars, simStream } from './sim/sim-source';
import { parseSourceSpec, type SourceSpec } from './spec';
import { cachedBatches } from './cache/bar-cache';
import { ccxtLive } from './ccxt/ccxt-live';
import { ccxtBars, type CcxtOptions } from './ccxt/ccxt-source';
import { yahooBars, type YahooOptions } from './yahoo/yahoo-source';
import { DAY_MS as DAY } from '@rustybt/core';

/** How far back Yahoo's latest bar can be: a long weekend for intraday bars, a few periods otherwise. */
const YAHOO_LOOKBACK_MS = (interval: Interval): number => (INTERVAL_MS[interval] < DAY ? 5 * DAY : 4 * INTERVAL_MS[interval] + 5 * DAY);

export interface OpenSourceOptions {
  /** CSV reading options (the path comes from the spec). */
  csv?: Pick<CsvReadOptions, 'delimiter' | 'timezone' | 'chunkSize'>;
  /** Close column for csv and yahoo: raw, or adjusted for splits and dividends (OHLC scaled alike). */
  close?: 'raw' | 'adjusted';
  /** Base URL replacing Yahoo's hosts (RUSTYBT_YAHOO_URL / config yahooUrl). */
  yahooUrl?: string;
  /** Base URL replacing a ccxt venue's API hosts (--api-url). */
  apiUrl?: string;
  /** ccxt and yahoo live: how often stream() polls for closed bars (default a sixth of the interval, 1–15 s for ccxt, 5–60 s for yahoo). */
  pollMs?: number;
  /** ccxt: bars per request (default 1000). */
  pageLimit?: number;
  /** RUSTYBT_HOME/data: downloaded bars (yahoo, ccxt) are cached under it. Absent: no cache. */
  cacheDir?: string;
  /** false: always download, never read or write the cache (--no-cache). */
  cache?: boolean;
  /** Things worth telling the user that are not errors (rows skipped, cache hits). */
  onNotice?: (text: string) => void;
  /** sim generator parameters. */
  sim?: SimOptions;
  /** Live pacing: market ms per wall ms (60 = a minute per second); default one bar per second. */
  speed?: number;
  /** The stretch of history that stream() plays for replayed sources (epoch ms; to exclusive). */
  replayFrom?: number;
  replayTo?: number;
  /** Time of the first bar of a live sim stream (default: now, aligned to the interval). */
  liveStart?: number;
  /**
   * false: hand bars over in source order, even out of order (for quality reports). Default true:
   * the HistoricalSource contract, strictly increasing time, enforced with a clear error.
   */
  strictOrder?: boolean;
}

/**
 * Every source gives history. stream() is live for sim (paced), ccxt and yahoo (bars as they close,
 * by polling); for csv and replay:<spec> it plays the history at `speed`.
 */
export interface DataSource extends HistoricalSource, LiveSource {
  readonly spec: SourceSpec;
  /** Batches of bars (faster than bars() for bulk readers). */
  batches(symbol: string, query: BarQuery): AsyncIterable<Bar[]>;
  /**
   * The same bars as reused batches of columns, no object per bar (see BarColumns), for sources
   * that read them that way (csv); absent for the others.
   */
  columns?(symbol: string, query: BarQuery): AsyncIterable<BarColumns>;
}

type BatchFn = (symbol: string, query: BarQuery) => AsyncIterable<Bar[]>;
type ColumnFn = (symbol: string, query: BarQuery) => AsyncIterable<BarColumns>;

/** A csv: spec's file (or folder of <SYMBOL>.csv), checked now, read as bars or as columns. */
function csvReader(path: string, options: OpenSourceOptions): { batches: BatchFn; columns: ColumnFn } {
  const full = resolve(path);
  if (!existsSync(full)) throw new DataInputError(`CSV file not found: ${full}. Check the path after csv: (relative paths start at the current directory)`);
  const isDir = statSync(full).isDirectory();
  if (options.csv?.timezone) naiveTimeZone(options.csv.timezone);
  const fileOf = (symbol: string) => {
    const file = isDir ? join(full, `${symbol}.csv`) : full;
    if (isDir && !existsSync(file))
      throw new DataInputError(`no CSV for ${symbol} in ${full}: expected ${file}. Put <SYMBOL>.csv in that folder or point csv: at a file`);
    return file;
  };
  const read = (symbol: string, query: BarQuery): CsvReadOptions => ({
    ...options.csv,
    ...(options.close ? { close: options.close } : {}),
    symbol,
    ...range(query),
  });
  return {
    batches: (symbol, query) => readCsvBatches(fileOf(symbol), read(symbol, query)),
    columns: (symbol, query) => readCsvColumns(fileOf(symbol), read(symbol, query)),
  };
}

function cached(source: string, fn: BatchFn, options: OpenSourceOptions): BatchFn {
  if (!options.cacheDir || options.cache === false) return fn;
  return cachedBatches(fn, { dir: options.cacheDir, source, ...(options.onNotice ? { onNotice: options.onNotice } : {}) });
}

function checkUrl(url: string, what: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.protocol === 'http:' || parsed.protocol === 'https:') return url;
  } catch {
    // reported below
  }
  throw new DataInputError(`${what} '${url}' is not an http(s) URL. Give a base URL such as http://127.0.0.1:8080`);
}

function range(query: BarQuery): { from?: number; to?: number } {
  return { ...(query.from !== undefined ? { from: query.from } : {}), ...(query.to !== undefined ? { to: query.to } : {}) };
}

function historical(spec: Exclude<SourceSpec, { kind: 'replay' | 'csv' }>, options: OpenSourceOptions): BatchFn {
  switch (spec.kind) {
    case 'sim': {
      const sim = options.sim ?? {};
      checkSimOptions(sim);
      return (symbol, query) => simBars(symbol, query, sim);
    }
    case 'yahoo': {
      const yahoo: YahooOptions = {
        ...(options.yahooUrl ? { baseUrl: checkUrl(options.yahooUrl, 'RUSTYBT_YAHOO_URL') } : {}),
        ...(options.close ? { close: options.close } : {}),
        ...(options.onNotice ? { onNotice: options.onNotice } : {}),
      };
      return cached('yahoo', (symbol, query) => yahooBars(symbol, query, yahoo), options);
    }
    case 'ccxt': {
      const ccxt: CcxtOptions = {
        ...(options.apiUrl ? { apiUrl: checkUrl(options.apiUrl, '--api-url') } : {}),
        ...(options.pageLimit ? { pageLimit: options.pageLimit } : {}),
        ...(options.onNotice ? { onNotice: options.onNotice } : {}),
      };
      return cached(`ccxt-${spec.exchange}`, (symbol, query) => ccxtBars(spec.exchange, symbol, query, ccxt), options);
    }
  }
}

function specName(spec: SourceSpec): string {
  switch (spec.kind) {
    case 'csv':
      return `csv:${spec.path}`;
    case 'ccxt':
      return `ccxt:${spec.exchange}`;
    case 'replay':
      return `replay:${specName(spec.inner)}`;
    default:
      return spec.kind;
  }
}

/**
 * Resolves a source spec (`csv:<path>`, `sim`, `yahoo`, `ccxt:<id>`, `replay:<spec>`) to a source.
 * Bad specs, missing files and bad options throw DataInputError (exit code 2) here, before any bar
 * is read.
 */
export function openSource(specText: string, options: OpenSourceOptions = {}): DataSource {
  const spec = parseSourceSpec(specText);
  const name = specName(spec);
  checkSpeed(options.speed);
  const inner = spec.kind === 'replay' ? spec.inner : spec;
  const csv = inner.kind === 'csv' ? csvReader(inner.path, options) : undefined;
  const raw = inner.kind === 'csv' ? csv!.batches : historical(inner, options);
  const batches: BatchFn = options.strictOrder === false ? raw : (symbol, query) => strictlyIncreasing(raw(symbol, query), name, symbol);
  const columns: ColumnFn | undefined =
    csv && (options.strictOrder === false ? csv.columns : (symbol, query) => increasingColumns(csv.columns(symbol, query), name, symbol));
  const bars = (symbol: string, query: BarQuery) => flattenBatches(() => batches(symbol, query)[Symbol.asyncIterator]());
  const stream = (symbol: string, interval: Interval): Observable<Bar> => {
    if (spec.kind === 'ccxt') {
      return ccxtLive(spec.exchange, symbol, interval, {
        ...(options.apiUrl ? { apiUrl: options.apiUrl } : {}),
        ...(options.pollMs ? { pollMs: options.pollMs } : {}),
      });
    }
    if (spec.kind === 'yahoo') {
      // Polls go to Yahoo itself, not the cache: the recent bars are what changes.
      const fresh = historical(spec, { ...options, cache: false });
      const step = INTERVAL_MS[interval];
      return polledLive(
        (from, to) => flattenBatches(() => strictlyIncreasing(fresh(symbol, { interval, from, to }), name, symbol)[Symbol.asyncIterator]()),
        interval,
        {
          pollMs: options.pollMs ?? Math.min(60_000, Math.max(5_000, step / 6)),
          lookbackMs: YAHOO_LOOKBACK_MS(interval),
        },
      );
    }
    if (inner.kind === 'sim' && spec.kind !== 'replay') {
      return simStream(symbol, interval, options.sim ?? {}, {
        ...(options.speed !== undefined ? { speed: options.speed } : {}),
        ...(options.liveStart !== undefined ? { start: options.liveStart } : {}),
      });
    }
    const query: BarQuery = {
      interval,
      ...(options.replayFrom !== undefined ? { from: options.replayFrom } : {}),
      ...(options.replayTo !== undefined ? { to: options.replayTo } : {}),
    };
    return pacedStream(() => bars(symbol, query), options.speed !== undefined ? { speed: options.speed } : {});
  };
  return { name, spec, batches, bars, stream, ...(columns ? { columns } : {}) };
}
