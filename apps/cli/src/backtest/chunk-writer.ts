import type { BarColumns } from '@rustybt/data-providers';
import type { Bar } from '@rustybt/engine';
import { appendColumns, capacityOf, CHUNK_ROWS, newChunk, pushBar, type BarChunk } from './columns';

/**
 * Packs bars, one at a time or as columns, into chunks handed to `post` when full. The first chunk
 * is small, so the engine starts at once; each next one doubles up to CHUNK_ROWS, so it never
 * waits long for the next either. Either way in, the chunks come out the same.
 */
export class ChunkWriter {
  private chunk: BarChunk;

  constructor(
    private readonly post: (chunk: BarChunk) => void,
    firstRows: number,
    private readonly maxRows = CHUNK_ROWS,
  ) {
    this.chunk = newChunk(firstRows);
  }

  pushBar(bar: Bar, symbolIndex: number): void {
    if (pushBar(this.chunk, bar, symbolIndex)) return;
    this.next();
    pushBar(this.chunk, bar, symbolIndex);
  }

  /** Rows of one symbol's columns (symbol index 0), copied with no object per bar. */
  pushColumns(c: BarColumns): void {
    for (let from = 0; from < c.length;) {
      if (this.chunk.length === capacityOf(this.chunk.buffer)) this.next();
      const n = Math.min(c.length - from, capacityOf(this.chunk.buffer) - this.chunk.length);
      appendColumns(this.chunk, c, from, n);
      from += n;
    }
  }

  /** Posts the last, partly filled chunk. */
  finish(): void {
    if (this.chunk.length > 0) this.post(this.chunk);
  }

  private next(): void {
    this.post(this.chunk);
    this.chunk = newChunk(Math.min(this.maxRows, 2 * capacityOf(this.chunk.buffer)));
  }
}
