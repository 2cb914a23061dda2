import { closeSync, createReadStream, openSync, readSync } from 'node:fs';
import { pipeline } from 'node:stream';
import { createGunzip } from 'node:zlib';
import type { LineDecoder } from './line-decoder';

/** Longest line kept; a longer one is counted as malformed and skipped, so memory stays flat. */
export const MAX_LINE_BYTES = 4 << 20;
const READ_BYTES = 4 << 20;

/**
 * One reused buffer between the bytes of a file and the decoder: complete lines go to the decoder,
 * the unfinished last line moves to the front and waits for the next bytes.
 */
class LineBuffer {
  buf = Buffer.allocUnsafe(MAX_LINE_BYTES + READ_BYTES);
  have = 0;
  private skipping = false; // inside an oversized line, dropping bytes until its newline

  constructor(private readonly decoder: LineDecoder) {}

  /** `n` new bytes were written at `buf[have..]`. */
  commit(n: number): void {
    this.have += n;
    let start = 0;
    if (this.skipping) {
      const nl = this.buf.subarray(0, this.have).indexOf(10);
      if (nl < 0) {
        this.have = 0;
        return;
      }
      this.skipping = false;
      start = nl + 1;
    }
    const used = this.decoder.lines(this.buf, start, this.have);
    if (used < this.have) this.buf.copy(this.buf, 0, used, this.have);
    this.have -= used;
    if (this.have > MAX_LINE_BYTES) {
      this.decoder.oversized();
      this.have = 0;
      this.skipping = true;
    }
  }

  push(chunk: Buffer): void {
    if (this.have + chunk.length > this.buf.length) {
      const bigger = Buffer.allocUnsafe(this.have + chunk.length);
      this.buf.copy(bigger, 0, 0, this.have);
      this.buf = bigger;
    }
    chunk.copy(this.buf, this.have);
    this.commit(chunk.length);
  }

  /** The file ended: a last line without a newline is still a line. */
  finish(): void {
    if (this.have > 0 && !this.skipping) this.decoder.lastLine(this.buf, 0, this.have);
  }
}

/** A log file that exists but cannot be read (exit code 2 in the CLI). */
export class UnreadableLogError extends Error {
  readonly exitCode = 2;
}

/**
 * Streams one file (plain or gzip) through the decoder in large chunks. Resolves to an error message when
 * a compressed file breaks off (e.g. a truncated .gz): what was read still counts. Throws UnreadableLogError
 * when the file cannot be opened or read.
 */
export async function readLogFile(path: string, gzip: boolean, decoder: LineDecoder): Promise<string | undefined> {
  const lines = new LineBuffer(decoder);
  let failure: string | undefined;
  try {
    if (gzip) await readGzip(path, lines);
    else readPlain(path, lines);
  } catch (err) {
    // A file that cannot be read at all would make the verdict silently partial: that is bad input.
    // A compressed file that breaks off is damaged data, like a garbled line: reported, not fatal.
    if ((err as NodeJS.ErrnoException).syscall !== undefined) {
      throw new UnreadableLogError(
        `cannot read ${path} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}). Fix its permissions or move it out of the log directory`,
      );
    }
    failure = `${path}: ${(err as Error).message}`;
  }
  lines.finish();
  return failure;
}

/**
 * Plain files are read synchronously straight into the line buffer: from the page cache this is faster
 * than a stream (no copy, no event-loop turn per chunk) and nothing else runs meanwhile.
 */
function readPlain(path: string, lines: LineBuffer): void {
  const fd = openSync(path, 'r');
  try {
    for (;;) {
      const n = readSync(fd, lines.buf, lines.have, lines.buf.length - lines.have, null);
      if (n === 0) return;
      lines.commit(n);
    }
  } finally {
    closeSync(fd);
  }
}

async function readGzip(path: string, lines: LineBuffer): Promise<void> {
  const raw = createReadStream(path, { highWaterMark: 1 << 20 });
  // pipeline, not pipe: an error of the file stream (EISDIR, EACCES) must reach the loop below instead of
  // leaving the gunzip stream waiting forever. The error itself is thrown by the iteration.
  const gunzip = pipeline(raw, createGunzip({ chunkSize: 256 << 10 }), () => {});
  try {
    for await (const chunk of gunzip as AsyncIterable<Buffer>) lines.push(chunk);
  } finally {
    raw.destroy();
  }
}
