import type { CsvLayout } from './layout';
import { parseNumber, scanDecimal, scanned } from './parse-number';
import { parseTime } from './parse-time';
import type { NaiveTimeZone } from './timezone';

export const ROLE_NONE = 0;
const ROLE_TIME = 1;
const ROLE_OPEN = 2;
const ROLE_HIGH = 3;
const ROLE_LOW = 4;
const ROLE_CLOSE = 5;
const ROLE_ADJ = 6;
const ROLE_VOLUME = 7;
const ROLE_NAMES = ['', 'time', 'open', 'high', 'low', 'close', 'adj close', 'volume'];

/**
 * Parses one line into its fields without creating strings: each field is scanned once, numbers
 * are accumulated while scanning (falling back to the full parser for quotes, spaces, exponents
 * and long mantissas). Results land in the public fields, so a row allocates nothing.
 */
export class RowParser {
  time = NaN;
  open = NaN;
  high = NaN;
  low = NaN;
  close = NaN;
  adjClose = NaN;
  volume = 0;
  /** Why the last row failed (set when parse returns false). */
  error = '';
  private pos = 0;
  private readonly roles: Int8Array;

  constructor(
    layout: CsvLayout,
    adjusted: boolean,
    private readonly delim: number,
    private readonly zone: NaiveTimeZone,
  ) {
    const roles = new Int8Array(layout.fieldCount);
    roles[layout.time] = ROLE_TIME;
    roles[layout.open] = ROLE_OPEN;
    roles[layout.high] = ROLE_HIGH;
    roles[layout.low] = ROLE_LOW;
    roles[layout.close] = ROLE_CLOSE;
    if (adjusted && layout.adjClose >= 0) roles[layout.adjClose] = ROLE_ADJ;
    if (layout.volume >= 0) roles[layout.volume] = ROLE_VOLUME;
    this.roles = roles;
  }

  private fieldEnd(buf: Uint8Array, p: number, end: number): number {
    const delim = this.delim;
    while (p < end && buf[p] !== delim) p++;
    return p;
  }

  private number(buf: Uint8Array, start: number, end: number): number {
    const value = scanDecimal(buf, start, end);
    const stop = scanned.stop;
    if ((stop === end || buf[stop] === this.delim) && !Number.isNaN(value)) {
      this.pos = stop;
      return value;
    }
    const e = this.fieldEnd(buf, stop, end);
    this.pos = e;
    return parseNumber(buf, start, e);
  }

  private fail(buf: Uint8Array, start: number, end: number, role: number): false {
    const text = Buffer.from(buf.buffer, buf.byteOffset + start, Math.min(end - start, 80)).toString('utf8');
    const what = start === end ? 'is empty' : `is not a ${role === ROLE_TIME ? 'timestamp' : 'number'}: ${JSON.stringify(text)}`;
    this.error = `${ROLE_NAMES[role]} ${what}`;
    return false;
  }

  /** Parses bytes [start, end) of one line (no newline). false: see `error`. */
  parse(buf: Uint8Array, start: number, end: number): boolean {
    const roles = this.roles;
    const count = roles.length;
    this.volume = 0;
    let p = start;
    for (let field = 0; field < count; field++) {
      if (p > end) {
        this.error = `expected ${count} fields, found ${field}: ${JSON.stringify(Buffer.from(buf.buffer, buf.byteOffset + start, Math.min(end - start, 80)).toString('utf8'))}`;
        return false;
      }
      const role = roles[field]!;
      if (role === ROLE_NONE) {
        p = this.fieldEnd(buf, p, end) + 1;
        continue;
      }
      let value: number;
      if (role === ROLE_TIME) {
        this.pos = this.fieldEnd(buf, p, end);
        value = parseTime(buf, p, this.pos, this.zone);
      } else {
        value = this.number(buf, p, end);
      }
      if (Number.isNaN(value)) return this.fail(buf, p, this.pos, role);
      switch (role) {
        case ROLE_TIME:
          this.time = value;
          break;
        case ROLE_OPEN:
          this.open = value;
          break;
        case ROLE_HIGH:
          this.high = value;
          break;
        case ROLE_LOW:
          this.low = value;
          break;
        case ROLE_CLOSE:
          this.close = value;
          break;
        case ROLE_ADJ:
          this.adjClose = value;
          break;
        default:
          this.volume = value;
      }
      p = this.pos + 1;
    }
    return true;
  }
}
