import { closeSync, createReadStream, openSync, readSync } from 'node:fs';
import { createGunzip } from 'node:zlib';
import type { LineDecoder } from './line-decoder';

/** Longest line kept; a longer one is counted as malformed and skipped, so memory stays flat. */
export const MAX_LINE_BYTES = 4 << 20;
const READ_BYTES = 1 << 20;

/**
 * Streams one file (plain or gzip) through the decoder in large chunks. Resolves to an error message when
 * the file could not be read to its end (e.g. a truncated .gz): what was read still counts.
 */
export async function readLogFile(path: string, gzip: boolean, decoder: LineDecoder): Promise<string | undefined> {
  return gzip ? readStream(path, true, decoder) : readPlain(path, decoder);
}

/**
 * Plain files are read synchronously straight into the line buffer: from the page cache this is faster
 * than a stream (no copy, no event-loop turn per chunk) and nothing else runs meanwhile.
 */
function readPlain(path: string, decoder: LineDecoder): string | undefined {
  const buf = Buffer.allocUnsafe(MAX_LINE_BYTES + READ_BYTES * 4);
  let have = 0;
  let skipping = false;
  let fd: number | undefined;
  let failure: string | undefined;
  try {
    fd = openSync(path, 'r');
    for (;;) {
      const n = readSync(fd, buf, have, buf.length - have, null);
      if (n === 0) break;
      have += n;
      let start = 0;
      if (skipping) {
        const nl = buf.subarray(0, have).indexOf(10);
        if (nl < 0) {
          have = 0;
          continue;
        }
        skipping = false;
        start = nl + 1;
      }
      const used = decoder.lines(buf, start, have);
      if (used < have) buf.copy(buf, 0, used, have);
      have -= used;
      if (have > MAX_LINE_BYTES) {
        decoder.oversized();
        have = 0;
        skipping = true;
      }
    }
  } catch (err) {
    failure = `${path}: ${(err as Error).message}`;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  if (have > 0 && !skipping) decoder.lastLine(buf, 0, have);
  return failure;
}

async function readStream(path: string, gzip: boolean, decoder: LineDecoder): Promise<string | undefined> {
  let buf = Buffer.allocUnsafe(MAX_LINE_BYTES + READ_BYTES);
  let have = 0;
  let skipping = false; // inside an oversized line, dropping bytes until its newline
  const raw = createReadStream(path, { highWaterMark: READ_BYTES });
  const source = gzip ? raw.pipe(createGunzip({ chunkSize: 256 << 10 })) : raw;
  let failure: string | undefined;
  try {
    for await (const chunk of source as AsyncIterable<Buffer>) {
      let data = chunk;
      if (skipping) {
        const nl = data.indexOf(10);
        if (nl < 0) continue;
        skipping = false;
        data = data.subarray(nl + 1);
      }
      if (have + data.length > buf.length) {
        const bigger = Buffer.allocUnsafe(have + data.length);
        buf.copy(bigger, 0, 0, have);
        buf = bigger;
      }
      data.copy(buf, have);
      have += data.length;
      const used = decoder.lines(buf, 0, have);
      if (used < have) buf.copy(buf, 0, used, have);
      have -= used;
      if (have > MAX_LINE_BYTES) {
        decoder.oversized();
        have = 0;
        skipping = true;
      }
    }
  } catch (err) {
    failure = `${path}: ${(err as Error).message}`;
  } finally {
    raw.destroy();
  }
  if (have > 0 && !skipping) decoder.lastLine(buf, 0, have);
  return failure;
}
