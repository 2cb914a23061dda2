import { open } from 'node:fs/promises';
import type { Bar } from '@rustybt/engine';
import { BarRecord } from '../bar-record';
import { growBarColumns, newBarColumns, type BarColumns } from './bar-columns';
import { CsvFormatError, DataInputError } from '../errors';
import { detectLayout, type CsvLayout } from './layout';
import { RowParser } from './parse-row';
import { parseTime } from './parse-time';
import { naiveTimeZone, type NaiveTimeZone } from './timezone';

export interface CsvReadOptions {
  /** Field separator; detected from the first line when absent. */
  delimiter?: string;
  /** IANA zone of timestamps written without an offset. Default UTC. */
  timezone?: string;
  /** `adjusted` uses the Adj Close column and scales open/high/low by the same factor. Default raw. */
  close?: 'raw' | 'adjusted';
  /** Symbol written into every bar. Default: the file name without extension. */
  symbol?: string;
  /** Keep only bars with from <= time < to (epoch ms). */
  from?: number;
  to?: number;
  /** Bytes read at a time (default 64 KiB for bars, 256 KiB for columns); the buffer grows only for a single line longer than this. */
  chunkSize?: number;
}

const MAX_LINE = 1 << 24;
const NL = 0x0a;
const CR = 0x0d;

function looksLikeData(zone: NaiveTimeZone) {
  return (fields: string[]): boolean => {
    const first = Buffer.from(fields[0] ?? '', 'latin1');
    return fields.length >= 5 && !Number.isNaN(parseTime(first, 0, first.length, zone));
  };
}

/** Bytes read at a time by the column reader: no objects per row, so reads can be larger than the bar reader's. */
const COLUMN_READ = 1 << 18;

/**
 * Streams a bar CSV as batches of columns (one per chunk read), in file order, with no object per
 * bar: the columns are reused, so each batch is valid until the next is asked for. Memory is one
 * read buffer plus one batch, whatever the file size. Throws CsvFormatError naming the file and
 * line of the first bad row.
 */
export async function* readCsvColumns(file: string, options: CsvReadOptions = {}): AsyncGenerator<BarColumns> {
  const zone = naiveTimeZone(options.timezone ?? 'UTC');
  const adjusted = options.close === 'adjusted';
  const from = options.from ?? -Infinity;
  const to = options.to ?? Infinity;
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new DataInputError(`cannot read ${file} (${code ?? String(err)}). Check the path after csv:`);
  }
  try {
    let buf = Buffer.allocUnsafe(Math.max(64, options.chunkSize ?? COLUMN_READ));
    let cols = newBarColumns(4096);
    let filled = 0;
    let eof = false;
    let lineNo = 0;
    let layout: CsvLayout | undefined;
    let row: RowParser | undefined;
    while (!eof) {
      if (filled === buf.length) {
        if (buf.length >= MAX_LINE) throw new CsvFormatError(file, lineNo + 1, `line longer than ${MAX_LINE} bytes`);
        const bigger = Buffer.allocUnsafe(buf.length * 2);
        buf.copy(bigger, 0, 0, filled);
        buf = bigger;
      }
      const { bytesRead } = await handle.read(buf, filled, buf.length - filled, null);
      if (bytesRead === 0) eof = true;
      filled += bytesRead;
      cols.length = 0;
      let lineStart = 0;
      for (;;) {
        let nl = buf.indexOf(NL, lineStart);
        if (nl < 0 || nl >= filled) {
          if (!eof || lineStart >= filled) break;
          nl = filled;
        }
        lineNo++;
        let lineEnd = nl;
        if (lineEnd > lineStart && buf[lineEnd - 1] === CR) lineEnd--;
        if (lineNo === 1 && lineEnd - lineStart >= 3 && buf[lineStart] === 0xef && buf[lineStart + 1] === 0xbb && buf[lineStart + 2] === 0xbf) lineStart += 3;
        if (lineEnd > lineStart) {
          if (layout === undefined) {
            const first = buf.toString('utf8', lineStart, lineEnd);
            layout = detectLayout(file, first, options.delimiter, looksLikeData(zone));
            if (adjusted && layout.adjClose < 0) {
              throw new DataInputError(`${file} has no Adj Close column, so --close adjusted cannot be used. Use --close raw`);
            }
            row = new RowParser(layout, adjusted, layout.delimiter, zone);
            if (layout.hasHeader) {
              lineStart = nl + 1;
              continue;
            }
          }
          const r = row!;
          if (!r.parse(buf, lineStart, lineEnd)) throw new CsvFormatError(file, lineNo, r.error);
          const t = r.time;
          if (t >= from && t < to) {
            const i = cols.length;
            if (i === cols.time.length) cols = growBarColumns(cols, 2 * i);
            cols.time[i] = t;
            if (adjusted && r.close !== 0) {
              const k = r.adjClose / r.close;
              cols.open[i] = r.open * k;
              cols.high[i] = r.high * k;
              cols.low[i] = r.low * k;
              cols.close[i] = r.adjClose;
            } else {
              cols.open[i] = r.open;
              cols.high[i] = r.high;
              cols.low[i] = r.low;
              cols.close[i] = r.close;
            }
            cols.volume[i] = r.volume;
            cols.length = i + 1;
          }
        }
        lineStart = nl + 1;
        if (nl >= filled) break;
      }
      if (lineStart > 0) {
        buf.copy(buf, 0, Math.min(lineStart, filled), filled);
        filled -= Math.min(lineStart, filled);
      }
      if (cols.length > 0) yield cols;
    }
    if (layout === undefined) throw new DataInputError(`${file} is empty. Give a CSV with a header and at least one row`);
  } finally {
    await handle.close();
  }
}

/**
 * The same stream as batches of bars. 64 KiB reads: big enough that reads are cheap, small enough
 * that a batch of bars dies young in the GC nursery instead of being promoted (larger reads made
 * RSS grow with the file).
 */
export async function* readCsvBatches(file: string, options: CsvReadOptions = {}): AsyncGenerator<Bar[]> {
  const symbol = options.symbol ?? (file.split(/[\\/]/).pop() ?? file).replace(/\.[^.]*$/, '');
  for await (const c of readCsvColumns(file, { ...options, chunkSize: options.chunkSize ?? 1 << 16 })) {
    const batch: Bar[] = [];
    const { time, open, high, low, close, volume } = c;
    for (let i = 0; i < c.length; i++) batch.push(new BarRecord(symbol, time[i]!, open[i]!, high[i]!, low[i]!, close[i]!, volume[i]!));
    yield batch;
  }
}

/**
 * The same stream, one bar at a time. A hand-written iterator rather than an async generator:
 * bars inside a batch are handed out without a generator resume each, which doubles throughput.
 */
export function readCsvBars(file: string, options: CsvReadOptions = {}): AsyncIterable<Bar> {
  return flattenBatches(() => readCsvBatches(file, options));
}

export function flattenBatches(open: () => AsyncIterator<Bar[]>): AsyncIterable<Bar> {
  return {
    [Symbol.asyncIterator](): AsyncIterator<Bar> {
      const batches = open();
      let batch: Bar[] = [];
      let i = 0;
      const refill = async (): Promise<IteratorResult<Bar>> => {
        while (i >= batch.length) {
          const r = await batches.next();
          if (r.done) return { done: true, value: undefined };
          batch = r.value;
          i = 0;
        }
        return { done: false, value: batch[i++]! };
      };
      return {
        next: () => (i < batch.length ? Promise.resolve({ done: false, value: batch[i++]! }) : refill()),
        return: async () => {
          await batches.return?.(undefined);
          return { done: true, value: undefined };
        },
      };
    },
  };
}
