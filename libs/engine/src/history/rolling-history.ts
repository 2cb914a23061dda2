import type { Bar } from '../model/bar';

export type BarField = 'open' | 'high' | 'low' | 'close' | 'volume' | 'time';
const FIELDS: readonly BarField[] = ['time', 'open', 'high', 'low', 'close', 'volume'];
const EMPTY: readonly number[] = Object.freeze([]);

/**
 * The last `capacity` bars of one symbol in fixed ring buffers: constant memory however long the
 * run, and a push is six typed-array stores.
 */
class SymbolRing {
  private data: Record<BarField, Float64Array>;
  private next = 0;
  size = 0;
  /** Bumped by every push: a cached window is current while its version matches. */
  private version = 0;
  private readonly windows = new Map<number, { version: number; values: number[] }>();
  private lastField: BarField | undefined;
  private lastN = -1;
  private lastWindow: { version: number; values: number[] } | undefined;

  constructor(private capacity: number) {
    this.data = Object.fromEntries(FIELDS.map((f) => [f, new Float64Array(capacity)])) as Record<BarField, Float64Array>;
  }

  /** Keeps more bars from now on; the bars held so far stay, oldest first. */
  grow(capacity: number): void {
    if (capacity <= this.capacity) return;
    const data = Object.fromEntries(
      FIELDS.map((f) => {
        const col = new Float64Array(capacity);
        col.set(this.last(f, this.size));
        return [f, col];
      }),
    ) as Record<BarField, Float64Array>;
    this.data = data;
    this.next = this.size;
    this.capacity = capacity;
    this.version++;
  }

  push(bar: Bar): void {
    const i = this.next;
    const d = this.data;
    d.time[i] = bar.time;
    d.open[i] = bar.open;
    d.high[i] = bar.high;
    d.low[i] = bar.low;
    d.close[i] = bar.close;
    d.volume[i] = bar.volume;
    this.next = i + 1 === this.capacity ? 0 : i + 1;
    if (this.size < this.capacity) this.size++;
    this.version++;
  }

  /**
   * The same as last() but into an array kept per (field, n) and refilled only after a push: a
   * strategy asking for its window every bar allocates nothing.
   */
  window(field: BarField, n: number): number[] {
    // A strategy asks for the same window bar after bar: the last one is found without a lookup.
    let w = field === this.lastField && n === this.lastN ? this.lastWindow : undefined;
    if (!w) {
      const key = n * FIELDS.length + FIELDS.indexOf(field);
      w = this.windows.get(key);
      if (!w) {
        w = { version: -1, values: [] };
        this.windows.set(key, w);
      }
      this.lastField = field;
      this.lastN = n;
      this.lastWindow = w;
    }
    if (w.version !== this.version) {
      this.copyLast(field, n, w.values);
      w.version = this.version;
    }
    return w.values;
  }

  last(field: BarField, n: number): number[] {
    return this.copyLast(field, n, []);
  }

  /** The last min(n, size) values of a field into `out`, oldest first. */
  private copyLast(field: BarField, n: number, out: number[]): number[] {
    const count = n < this.size ? n : this.size;
    if (out.length !== count) out.length = count;
    const col = this.data[field];
    let j = this.next - count;
    if (j < 0) j += this.capacity;
    // Two straight runs, up to the end of the ring and on from its start: no wrap test per value.
    const first = Math.min(count, this.capacity - j);
    for (let k = 0; k < first; k++) out[k] = col[j + k]!;
    for (let k = first; k < count; k++) out[k] = col[k - first]!;
    return out;
  }
}

/**
 * Per-symbol bar windows. A request for more bars than kept enlarges the windows (of every symbol)
 * from then on, so a strategy asking for its longest lookback on its first bars never loses data.
 */
export class RollingHistory {
  private readonly rings = new Map<string, SymbolRing>();
  /** The ring last asked for, found again without a map lookup (a ring, once made, stays). */
  private lastSymbol: string | undefined;
  private lastRing: SymbolRing | undefined;

  constructor(private capacity: number) {}

  push(bar: Bar): void {
    let r = this.rings.get(bar.symbol);
    if (!r) {
      r = new SymbolRing(this.capacity);
      this.rings.set(bar.symbol, r);
    }
    r.push(bar);
  }

  /** The last n values of a field, oldest first; fewer when fewer bars have been seen. A new array each call. */
  last(symbol: string, field: BarField, n: number): number[] {
    this.ensure(symbol, field, n);
    return this.rings.get(symbol)?.last(field, n) ?? [];
  }

  /**
   * The same values in an array the history reuses: valid until the next bar of the symbol (copy
   * it to keep it). What ctx.history hands to strategies, so the per-bar path allocates nothing.
   */
  window(symbol: string, field: BarField, n: number): readonly number[] {
    if (symbol === this.lastSymbol && n <= this.capacity && n >= 0 && Number.isInteger(n)) return this.lastRing!.window(field, n);
    this.ensure(symbol, field, n);
    const r = this.rings.get(symbol);
    if (!r) return EMPTY;
    this.lastSymbol = symbol;
    this.lastRing = r;
    return r.window(field, n);
  }

  private ensure(symbol: string, field: BarField, n: number): void {
    if (!(Number.isInteger(n) && n >= 0)) throw new RangeError(`history(${symbol}, ${field}, ${n}): n must be a whole number of bars`);
    if (n > this.capacity) {
      this.capacity = n;
      for (const r of this.rings.values()) r.grow(n);
    }
  }

  count(symbol: string): number {
    return this.rings.get(symbol)?.size ?? 0;
  }
}
