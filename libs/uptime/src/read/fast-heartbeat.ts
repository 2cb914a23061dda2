import { utcMs } from '@rustybt/core';

/**
 * A byte-level reader for the one line that makes up almost every log: a flat JSON heartbeat.
 * It accepts a line only when it is certain the full parse (JSON.parse + the zod schema) would accept it
 * with the same values; anything unusual (escapes, non-ASCII, whitespace, nesting, floats where integers go,
 * duplicate keys, another event) returns -1 and the caller takes the full parse. No strings are created.
 */

export interface HeartbeatFields {
  at: number;
  pid: number;
  /** 0 RUNNING, 1 HALTED, 2 STOPPING */
  state: number;
  /** Keys exactly in formatEvent's order with nothing else: the line can serve as a template. */
  canonical: boolean;
  /** Id of the session (set by the caller from sessionStart/End, or by the template). */
  session: number;
  /** Offsets (absolute) of the session text, the seq digits and the equity text. */
  sessionStart: number;
  sessionEnd: number;
  seqStart: number;
  seqEnd: number;
  equityStart: number;
  equityEnd: number;
}

/** The key bits in the order formatEvent writes them. */
const CANONICAL_ORDER = [1, 2, 4, 8, 16, 32, 64, 128, 256];

const Q = 0x22; // "
const COLON = 0x3a;
const COMMA = 0x2c;
const OPEN = 0x7b; // {
const CLOSE = 0x7d; // }
const MINUS = 0x2d;
const DOT = 0x2e;
const ZERO = 0x30;
const NINE = 0x39;

const bytes = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
const K_TIMESTAMP = 1,
  K_LEVEL = 2,
  K_EVENT = 4,
  K_SESSION = 8,
  K_PID = 16,
  K_VERSION = 32,
  K_SEQ = 64,
  K_STATE = 128,
  K_EQUITY = 256;
const ALL = 511;
const W_TIMESTAMP = bytes('timestamp');
const W_LEVEL = bytes('level');
const W_EVENT = bytes('event');
const W_SESSION = bytes('session');
const W_PID = bytes('pid');
const W_VERSION = bytes('version');
const W_SEQ = bytes('seq');
const W_STATE = bytes('state');
const W_EQUITY = bytes('equity');
const LEVELS = ['debug', 'info', 'warn', 'error'].map(bytes);
const STATES = ['RUNNING', 'HALTED', 'STOPPING'].map(bytes);
const HEARTBEAT = bytes('heartbeat');

/** Byte classes inside a JSON string: 0 plain ASCII, 1 the closing quote, 2 needs the full parse (escape, control, non-ASCII). */
const STRING_CLASS = new Uint8Array(256);
for (let c = 0; c < 256; c++) STRING_CLASS[c] = c === Q ? 1 : c === 0x5c || c < 0x20 || c >= 0x80 ? 2 : 0;

function equals(b: Uint8Array, s: number, e: number, word: Uint8Array): boolean {
  const n = word.length;
  if (e - s !== n) return false;
  for (let k = 0; k < n; k++) if (b[s + k] !== word[k]) return false;
  return true;
}

function keyOf(b: Uint8Array, s: number, e: number): number {
  switch (e - s) {
    case 9:
      return equals(b, s, e, W_TIMESTAMP) ? K_TIMESTAMP : 0;
    case 5:
      return equals(b, s, e, W_LEVEL) ? K_LEVEL : equals(b, s, e, W_EVENT) ? K_EVENT : equals(b, s, e, W_STATE) ? K_STATE : 0;
    case 7:
      return equals(b, s, e, W_SESSION) ? K_SESSION : equals(b, s, e, W_VERSION) ? K_VERSION : 0;
    case 3:
      return equals(b, s, e, W_PID) ? K_PID : equals(b, s, e, W_SEQ) ? K_SEQ : 0;
    case 6:
      return equals(b, s, e, W_EQUITY) ? K_EQUITY : 0;
    default:
      return 0;
  }
}

function oneOf(b: Uint8Array, s: number, e: number, words: readonly Uint8Array[]): number {
  for (let k = 0; k < words.length; k++) if (equals(b, s, e, words[k]!)) return k;
  return -1;
}

/** Index of the closing quote of a string whose content starts at i, or -1 when the full parse must decide. */
function stringEnd(b: Uint8Array, i: number, end: number): number {
  while (i < end) {
    const k = STRING_CLASS[b[i]!]!;
    if (k === 0) {
      i++;
      continue;
    }
    return k === 1 ? i : -1;
  }
  return -1;
}

const digit = (c: number) => c >= ZERO && c <= NINE;
const d2 = (b: Uint8Array, i: number) => (b[i]! - ZERO) * 10 + (b[i + 1]! - ZERO);

/** `YYYY-MM-DDTHH:MM:SS.mmmZ` at b[s..s+24) -> epoch ms, or NaN when not a real instant. */
export function timestampAt(b: Uint8Array, s: number): number {
  for (let k = 0; k < 24; k++) {
    const c = b[s + k]!;
    switch (k) {
      case 4:
      case 7:
        if (c !== MINUS) return Number.NaN;
        break;
      case 10:
        if (c !== 0x54) return Number.NaN; // T
        break;
      case 13:
      case 16:
        if (c !== COLON) return Number.NaN;
        break;
      case 19:
        if (c !== DOT) return Number.NaN;
        break;
      case 23:
        if (c !== 0x5a) return Number.NaN; // Z
        break;
      default:
        if (!digit(c)) return Number.NaN;
    }
  }
  const year = d2(b, s) * 100 + d2(b, s + 2);
  const month = d2(b, s + 5);
  const day = d2(b, s + 8);
  const hour = d2(b, s + 11);
  const minute = d2(b, s + 14);
  const second = d2(b, s + 17);
  const milli = (b[s + 20]! - ZERO) * 100 + d2(b, s + 21);
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return Number.NaN;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const dim = month === 2 ? (leap ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
  if (day > dim) return Number.NaN;
  // Days from civil in core: exact for the proleptic Gregorian calendar, no Date allocation.
  return utcMs(year, month, day, hour, minute, second, milli);
}

/**
 * Reads a heartbeat object starting at b[s] (which must be `{`), not beyond `end`.
 * Returns the index just after the closing `}` and fills `out`, or -1 when the full parse must decide.
 */
export function scanHeartbeat(b: Uint8Array, s: number, end: number, out: HeartbeatFields): number {
  if (b[s] !== OPEN) return -1;
  let i = s + 1;
  let seen = 0;
  let at = 0;
  let pid = 0;
  let state = 0;
  let order = 0;
  let canonical = true;
  for (;;) {
    if (i >= end || b[i] !== Q) return -1;
    const ks = ++i;
    i = stringEnd(b, i, end);
    if (i < 0) return -1;
    const bit = keyOf(b, ks, i);
    if (seen & bit) return -1; // duplicate key: JSON.parse keeps the last, leave that to it
    seen |= bit;
    if (CANONICAL_ORDER[order++] !== bit) canonical = false;
    i++;
    if (i >= end || b[i] !== COLON) return -1;
    i++;
    if (i >= end) return -1;
    const c0 = b[i]!;
    if (c0 === Q) {
      const vs = ++i;
      i = stringEnd(b, i, end);
      if (i < 0) return -1;
      const ve = i;
      i++;
      switch (bit) {
        case K_TIMESTAMP:
          if (ve - vs !== 24) return -1;
          at = timestampAt(b, vs);
          if (at !== at) return -1;
          break;
        case K_LEVEL:
          if (oneOf(b, vs, ve, LEVELS) < 0) return -1;
          break;
        case K_EVENT:
          if (!equals(b, vs, ve, HEARTBEAT)) return -1;
          break;
        case K_SESSION:
          if (ve === vs) return -1;
          out.sessionStart = vs;
          out.sessionEnd = ve;
          break;
        case K_VERSION:
          if (ve === vs) return -1;
          break;
        case K_STATE:
          state = oneOf(b, vs, ve, STATES);
          if (state < 0) return -1;
          break;
        case K_EQUITY: {
          out.equityStart = vs;
          out.equityEnd = ve;
          // -?\d+(\.\d+)?
          let k = vs;
          if (k < ve && b[k] === MINUS) k++;
          const intStart = k;
          while (k < ve && digit(b[k]!)) k++;
          if (k === intStart) return -1;
          if (k < ve) {
            if (b[k] !== DOT) return -1;
            const fracStart = ++k;
            while (k < ve && digit(b[k]!)) k++;
            if (k === fracStart || k !== ve) return -1;
          }
          break;
        }
        case K_PID:
        case K_SEQ:
          return -1; // a string where a number belongs
        default:
          break; // an extra key: the schema ignores it
      }
    } else if (digit(c0) || c0 === MINUS) {
      // Plain non-negative integers only; anything else (sign, fraction, exponent) goes to the full parse.
      const ns = i;
      let value = 0;
      while (i < end && digit(b[i]!)) {
        value = value * 10 + (b[i]! - ZERO);
        i++;
      }
      const n = i - ns;
      if (n === 0 || n > 15 || (n > 1 && b[ns] === ZERO)) return -1;
      if (i < end && (b[i] === DOT || b[i] === 0x65 || b[i] === 0x45)) return -1;
      if (bit === K_SEQ) {
        out.seqStart = ns;
        out.seqEnd = i;
      }
      if (bit === K_PID) {
        if (value < 1) return -1;
        pid = value;
      } else if (bit !== K_SEQ && bit !== 0) {
        return -1; // a number where a string belongs
      }
    } else {
      return -1; // true/false/null/object/array/whitespace: rare, the full parse decides
    }
    if (i >= end) return -1;
    const sep = b[i]!;
    i++;
    if (sep === COMMA) continue;
    if (sep !== CLOSE) return -1;
    if (seen !== ALL) return -1;
    out.at = at;
    out.pid = pid;
    out.state = state;
    out.canonical = canonical && order === 9;
    return i;
  }
}
