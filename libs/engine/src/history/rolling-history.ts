import type { Bar } from '../model/bar';

export type BarField = 'open' | 'high' | 'low' | 'close' | 'volume' | 'time';
const FIELDS: readonly BarField[] = ['time', 'open', 'high', 'low', 'close', 'volume'];

/**
 * The last `capacity` bars of one symbol in fixed ring buffers: constant memory however long the
 * run, and a push is six typed-array stores.
 */
class SymbolRing {
  private data: Record<BarField, Float64Array>;
  private next = 0;
  size = 0;

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
  }

  last(field: BarField, n: number): number[] {
    const count = n < this.size ? n : this.size;
    const out = new Array<number>(count);
    const col = this.data[field];
    let j = this.next - count;
    if (j < 0) j += this.capacity;
    for (let k = 0; k < count; k++) {
      out[k] = col[j]!;
      j = j + 1 === this.capacity ? 0 : j + 1;
    }
    return out;
  }
}

/**
 * Per-symbol bar windows. A request for more bars than kept enlarges the windows (of every symbol)
 * from then on, so a strategy asking for its longest lookback on its first bars never loses data.
 */
export class RollingHistory {
  private readonly rings = new Map<string, SymbolRing>();

  constructor(private capacity: number) {}

  push(bar: Bar): void {
    let r = this.rings.get(bar.symbol);
    if (!r) {
      r = new SymbolRing(this.capacity);
      this.rings.set(bar.symbol, r);
    }
    r.push(bar);
  }

  /** The last n values of a field, oldest first; fewer when fewer bars have been seen. */
  last(symbol: string, field: BarField, n: number): number[] {
    if (!(Number.isInteger(n) && n >= 0)) throw new RangeError(`history(${symbol}, ${field}, ${n}): n must be a whole number of bars`);
    if (n > this.capacity) {
      this.capacity = n;
      for (const r of this.rings.values()) r.grow(n);
    }
    return this.rings.get(symbol)?.last(field, n) ?? [];
  }

  count(symbol: string): number {
    return this.rings.get(symbol)?.size ?? 0;
  }
}
