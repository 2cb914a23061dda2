import { createHash } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Bar } from '@rustybt/engine';

const MAGIC = 'RBTBARS1';
const FIELDS = 6;

export interface BarFileHeader {
  symbol: string;
  interval: string;
  from: number;
  to: number;
  count: number;
  /** sha256 (hex) of the payload: count × 6 little-endian float64 (time, open, high, low, close, volume). */
  sha256: string;
  written: string;
}

/**
 * Compact bar file: 8-byte magic, uint32 LE header length, a JSON header, then 48 bytes per bar.
 * About a fifth of the CSV size, read without parsing text, and checked by its sha256.
 */
export function encodeBarFile(bars: readonly Bar[], meta: Omit<BarFileHeader, 'count' | 'sha256' | 'written'>): Buffer {
  const payload = Buffer.allocUnsafe(bars.length * FIELDS * 8);
  let o = 0;
  for (const b of bars) {
    o = payload.writeDoubleLE(b.time, o);
    o = payload.writeDoubleLE(b.open, o);
    o = payload.writeDoubleLE(b.high, o);
    o = payload.writeDoubleLE(b.low, o);
    o = payload.writeDoubleLE(b.close, o);
    o = payload.writeDoubleLE(b.volume, o);
  }
  const header: BarFileHeader = { ...meta, count: bars.length, sha256: createHash('sha256').update(payload).digest('hex'), written: new Date().toISOString() };
  const json = Buffer.from(JSON.stringify(header));
  const head = Buffer.alloc(12);
  head.write(MAGIC, 0, 'latin1');
  head.writeUInt32LE(json.length, 8);
  return Buffer.concat([head, json, payload]);
}

/** Decodes a bar file; undefined when it is damaged (wrong magic, size or checksum). */
export function decodeBarFile(data: Buffer): { header: BarFileHeader; bars: Bar[] } | undefined {
  if (data.length < 12 || data.toString('latin1', 0, 8) !== MAGIC) return undefined;
  const len = data.readUInt32LE(8);
  let header: BarFileHeader;
  try {
    header = JSON.parse(data.toString('utf8', 12, 12 + len)) as BarFileHeader;
  } catch {
    return undefined;
  }
  const payload = data.subarray(12 + len);
  if (payload.length !== header.count * FIELDS * 8) return undefined;
  if (createHash('sha256').update(payload).digest('hex') !== header.sha256) return undefined;
  const bars: Bar[] = new Array(header.count);
  for (let i = 0, o = 0; i < header.count; i++, o += FIELDS * 8) {
    bars[i] = {
      symbol: header.symbol,
      time: payload.readDoubleLE(o),
      open: payload.readDoubleLE(o + 8),
      high: payload.readDoubleLE(o + 16),
      low: payload.readDoubleLE(o + 24),
      close: payload.readDoubleLE(o + 32),
      volume: payload.readDoubleLE(o + 40),
    };
  }
  return { header, bars };
}

/** Write to a temp file, fsync, rename: a reader sees the old file or the whole new one, never half. */
export function writeBarFile(path: string, data: Buffer): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    const fd = openSync(tmp, 'w');
    try {
      writeSync(fd, data);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}

export function readBarFile(path: string): ReturnType<typeof decodeBarFile> {
  try {
    return decodeBarFile(readFileSync(path));
  } catch {
    return undefined;
  }
}
