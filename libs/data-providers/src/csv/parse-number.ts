// Exact powers of ten: m / 10^k with m < 2^53 and k <= 22 is one correctly rounded division,
// so the result is bit-identical to parseFloat of the same text.
const POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k);
const MAX_FAST_DIGITS = 15;

/** Where the last scanDecimal stopped (the first byte that is not part of `[+-]digits[.digits]`). */
export const scanned = { stop: 0 };

/**
 * Reads `[+-]digits[.digits]` from `start`, stopping at the first other byte (see `scanned.stop`).
 * NaN when there are no digits or more than 15 (too many for the exact fast path).
 */
export function scanDecimal(buf: Uint8Array, start: number, end: number): number {
  let i = start;
  let negative = false;
  const first = buf[i];
  if (i < end && (first === 0x2d || first === 0x2b)) {
    negative = first === 0x2d;
    i++;
  }
  let mantissa = 0;
  let digits = 0;
  let scale = 0;
  let seenDot = false;
  for (; i < end; i++) {
    const c = buf[i]!;
    if (c >= 0x30 && c <= 0x39) {
      mantissa = mantissa * 10 + (c - 0x30);
      digits++;
      if (seenDot) scale++;
    } else if (c === 0x2e && !seenDot) {
      seenDot = true;
    } else {
      break;
    }
  }
  scanned.stop = i;
  if (digits === 0 || digits > MAX_FAST_DIGITS) return NaN;
  const value = scale === 0 ? mantissa : mantissa / POW10[scale]!;
  return negative ? -value : value;
}

/**
 * Parses the decimal number in bytes [start, end) of `buf` without creating a string (optionally
 * in double quotes, with surrounding spaces). NaN for anything that is not a finite number.
 */
export function parseNumber(buf: Uint8Array, start: number, end: number): number {
  let i = start;
  if (i < end && buf[i] === 0x22 && end - i >= 2 && buf[end - 1] === 0x22) {
    i++;
    end--;
  }
  while (i < end && buf[i] === 0x20) i++;
  while (end > i && buf[end - 1] === 0x20) end--;
  if (i >= end) return NaN;
  const value = scanDecimal(buf, i, end);
  return scanned.stop === end && !Number.isNaN(value) ? value : slowParse(buf, i, end);
}

// `\d+(\.\d*)?`, not `\d+\.?\d*`: with no dot the latter splits a run of digits n ways, so a long
// non-number backtracks quadratically.
const NUMBER_TEXT = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

// Exponents and long mantissas are rare in market data; they go through the engine's own parser.
function slowParse(buf: Uint8Array, start: number, end: number): number {
  if (end - start > 400) return NaN;
  let text = '';
  for (let i = start; i < end; i++) text += String.fromCharCode(buf[i]!);
  if (!NUMBER_TEXT.test(text)) return NaN;
  const value = Number(text);
  return Number.isFinite(value) ? value : NaN;
}
