import type { BarColumns } from '@rustybt/data-providers';
import type { Bar } from '@rustybt/engine';

/** Rows per chunk: big enough that handing a chunk over is rare, small enough to stream in. */
export const CHUNK_ROWS = 65_536;

const FIELDS = 6;

/**
 * A run of bars held as columns in one (Shared)ArrayBuffer: time, open, high, low, close, volume
 * as float64 and the symbol as an index into the run's symbol list. 50 bytes a bar, no objects, so
 * a whole series can sit in memory, be filled by one thread and read by several.
 */
export interface BarChunk extends BarColumns {
  buffer: ArrayBufferLike;
  symbol: Uint16Array;
}

const bytesFor = (capacity: number) => capacity * (FIELDS * 8 + 2);

/** Column views over a buffer laid out by newChunk (capacity rows, `length` of them used). */
export function chunkOver(buffer: ArrayBufferLike, capacity: number, length: number): BarChunk {
  const col = (k: number) => new Float64Array(buffer, k * capacity * 8, capacity);
  return {
    length,
    buffer,
    time: col(0),
    open: col(1),
    high: col(2),
    low: col(3),
    close: col(4),
    volume: col(5),
    symbol: new Uint16Array(buffer, FIELDS * capacity * 8, capacity),
  };
}

export function newChunk(capacity = CHUNK_ROWS, shared = true): BarChunk {
  const bytes = bytesFor(capacity);
  return chunkOver(shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes), capacity, 0);
}

/** The chunk's capacity, from its buffer (chunks travel between threads as buffer + length). */
export const capacityOf = (buffer: ArrayBufferLike): number => buffer.byteLength / (FIELDS * 8 + 2);

/** Appends a bar; false when the chunk is full. */
export function pushBar(chunk: BarChunk, bar: Bar, symbolIndex: number): boolean {
  const i = chunk.length;
  if (i >= chunk.time.length) return false;
  chunk.time[i] = bar.time;
  chunk.open[i] = bar.open;
  chunk.high[i] = bar.high;
  chunk.low[i] = bar.low;
  chunk.close[i] = bar.close;
  chunk.volume[i] = bar.volume;
  chunk.symbol[i] = symbolIndex;
  chunk.length = i + 1;
  return true;
}

/** Appends rows [from, from + n) of one symbol's columns (symbol index 0); the caller leaves room. */
export function appendColumns(chunk: BarChunk, c: BarColumns, from: number, n: number): void {
  const at = chunk.length;
  const to = from + n;
  chunk.time.set(c.time.subarray(from, to), at);
  chunk.open.set(c.open.subarray(from, to), at);
  chunk.high.set(c.high.subarray(from, to), at);
  chunk.low.set(c.low.subarray(from, to), at);
  chunk.close.set(c.close.subarray(from, to), at);
  chunk.volume.set(c.volume.subarray(from, to), at);
  chunk.length = at + n;
}
