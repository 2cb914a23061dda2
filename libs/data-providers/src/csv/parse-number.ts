// Exact powers of ten: m / 10^k with m < 2^53 and k <= 22 is one correctly rounded division,
// so the result is bit-identical to parseFloat of the same text.
const POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k);
const MAX_FAST_DIGITS = 15;

/**
 * Parses the decimal number in bytes [start, end) of `buf` without creating a string.
 * Returns NaN for anything that is not a finite decimal number.
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
  let negative = false;
  const first = buf[i];
  if (first === 0x2d || first === 0x2b) {
    negative = first === 0x2d;
    i++;
  }
  let mantissa = 0;
  let digits = 0;
  let scale = 0;
  let seenDot = false;
  const bodyStart = i;
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
  if (digits === 0) return NaN;
  if (i < end || digits > MAX_FAST_DIGITS) return slowParse(buf, bodyStart, end, negative);
  const value = scale === 0 ? mantissa : mantissa / POW10[scale]!;
  return negative ? -value : value;
}

// Exponents and long mantissas are rare in market data; they go through the engine's own parser.
function slowParse(buf: Uint8Array, start: number, end: number, negative: boolean): number {
  let text = '';
  for (let i = start; i < end; i++) {
    const c = buf[i]!;
    const ok = (c >= 0x30 && c <= 0x39) || c === 0x2e || c === 0x65 || c === 0x45 || c === 0x2b || c === 0x2d;
    if (!ok) return NaN;
    text += String.fromCharCode(c);
  }
  if (!/^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) return NaN;
  const value = Number(text);
  if (!Number.isFinite(value)) return NaN;
  return negative ? -value : value;
}
