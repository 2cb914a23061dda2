import { timestampAt, type HeartbeatFields } from './fast-heartbeat';

const TS = 14; // offset of the timestamp value in `{"timestamp":"...`
const MINUTE = 17; // `YYYY-MM-DDTHH:MM:`
const ZERO = 0x30;

/**
 * The 8-byte words of `bytes[from, from + n)` as float64 (the last one overlapping when n is not a multiple of 8),
 * to compare a line against with one load per word. Safe because the template is printable ASCII: never a NaN
 * or a zero pattern, so `===` on these words is exactly bitwise equality.
 */
function wordsOf(bytes: Uint8Array, from: number, n: number): Float64Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const count = Math.ceil(n / 8);
  const words = new Float64Array(count);
  for (let k = 0; k < count; k++) words[k] = view.getFloat64(from + Math.min(k * 8, n - 8), true);
  return words;
}

/** Does dv[at, at + n) hold `words` (from wordsOf with the same n)? */
function holds(dv: DataView, at: number, words: Float64Array, n: number): boolean {
  const last = words.length - 1;
  for (let k = 0; k < last; k++) if (dv.getFloat64(at + k * 8, true) !== words[k]) return false;
  return dv.getFloat64(at + n - 8, true) === words[last];
}

const isDigit = (c: number) => c >= ZERO && c <= ZERO + 9;

/**
 * The last canonical heartbeat line, fully checked by `scanHeartbeat`. The next lines of the same process
 * differ from it only in timestamp, seq and equity, so a line whose other bytes equal the template's and whose
 * variable parts are well-formed is a valid heartbeat with the template's pid and state: checked with a
 * few wide compares instead of reading every byte.
 */
export class HeartbeatTemplate {
  private ready = false;
  private head: Float64Array = new Float64Array(0);
  private middle: Float64Array = new Float64Array(0);
  private tail: Float64Array = new Float64Array(0);
  private m1 = 0;
  private m2 = 0;
  private pid = 0;
  private state = 0;
  private session = 0;
  // All 0xFF until the first timestamp is read: a NaN pattern, so nothing matches an empty cache.
  private readonly minute = new DataView(new Uint8Array(MINUTE).fill(0xff).buffer);
  private minuteBase = Number.NaN;

  /** Adopts the line at b[s..] that `scanHeartbeat` accepted into `f` (canonical order only; `f.session` set). */
  learn(b: Uint8Array, s: number, f: HeartbeatFields): void {
    const m1 = f.seqStart - (s + TS + 24);
    const m2 = f.equityStart - f.seqEnd;
    if (!f.canonical || m1 < 8 || m2 < 8) {
      this.ready = false;
      return;
    }
    this.head = wordsOf(b, s, TS);
    this.middle = wordsOf(b, s + TS + 24, m1);
    this.tail = wordsOf(b, f.seqEnd, m2);
    this.ready = true;
    this.m1 = m1;
    this.m2 = m2;
    this.pid = f.pid;
    this.state = f.state;
    this.session = f.session;
  }

  /** Reads the heartbeat at b[s..end) into `out` if it fits the template; index after `}` or -1. */
  match(b: Uint8Array, dv: DataView, s: number, end: number, out: HeartbeatFields): number {
    if (!this.ready) return -1;
    let i = s + TS + 24 + this.m1;
    if (i + 1 + this.m2 + 3 > end) return -1;
    if (!holds(dv, s, this.head, TS) || !holds(dv, s + TS + 24, this.middle, this.m1)) return -1;
    const inMinute = this.timestamp(b, dv, s + TS);
    if (inMinute < 0) return -1;
    // seq: a plain non-negative integer
    const ns = i;
    while (i < end && isDigit(b[i]!)) i++;
    const n = i - ns;
    if (n === 0 || n > 15 || (n > 1 && b[ns] === ZERO)) return -1;
    if (i + this.m2 > end || !holds(dv, i, this.tail, this.m2)) return -1;
    i += this.m2;
    // equity: -?\d+(\.\d+)? then `"}`
    if (i < end && b[i] === 0x2d) i++;
    const is = i;
    while (i < end && isDigit(b[i]!)) i++;
    if (i === is) return -1;
    if (i < end && b[i] === 0x2e) {
      const fs = ++i;
      while (i < end && isDigit(b[i]!)) i++;
      if (i === fs) return -1;
    }
    if (i + 1 >= end || b[i] !== 0x22 || b[i + 1] !== 0x7d) return -1;
    out.at = this.minuteBase + inMinute;
    out.pid = this.pid;
    out.state = this.state;
    out.session = this.session;
    return i + 2;
  }

  /**
   * The timestamp at b[t..t+24) as ms after `minuteBase` (updated here), or -1 when it is not a real instant.
   * The minute part is usually the same as the last line's, so only SS.mmm is read. Returns a small integer,
   * not the epoch ms, so no number is boxed per line.
   */
  private timestamp(b: Uint8Array, dv: DataView, t: number): number {
    const sec = (b[t + 17]! - ZERO) * 10 + (b[t + 18]! - ZERO);
    const ms = (b[t + 20]! - ZERO) * 100 + (b[t + 21]! - ZERO) * 10 + (b[t + 22]! - ZERO);
    const mv = this.minute;
    if (
      // three words cover all 17 bytes: [0, 8), [8, 16), [9, 17)
      mv.getFloat64(0, true) === dv.getFloat64(t, true) &&
      mv.getFloat64(8, true) === dv.getFloat64(t + 8, true) &&
      mv.getFloat64(MINUTE - 8, true) === dv.getFloat64(t + MINUTE - 8, true) &&
      isDigit(b[t + 17]!) &&
      isDigit(b[t + 18]!) &&
      b[t + 19] === 0x2e &&
      isDigit(b[t + 20]!) &&
      isDigit(b[t + 21]!) &&
      isDigit(b[t + 22]!) &&
      b[t + 23] === 0x5a &&
      sec < 60
    ) {
      return sec * 1000 + ms;
    }
    const at = timestampAt(b, t);
    if (at !== at) return -1;
    for (let k = 0; k < MINUTE; k++) mv.setUint8(k, b[t + k]!);
    this.minuteBase = at - sec * 1000 - ms;
    return sec * 1000 + ms;
  }
}
