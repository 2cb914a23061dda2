/**
 * Bars of one stretch of a file as columns: float64 time (epoch ms), open, high, low, close and
 * volume, `length` rows used. No object per bar, so a bulk reader can copy a batch into its own
 * storage with six memcpy's. The reader that yields it reuses the arrays: a batch is valid until
 * the next one is asked for.
 */
export interface BarColumns {
  length: number;
  time: Float64Array;
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  volume: Float64Array;
}

export function newBarColumns(capacity: number): BarColumns {
  return {
    length: 0,
    time: new Float64Array(capacity),
    open: new Float64Array(capacity),
    high: new Float64Array(capacity),
    low: new Float64Array(capacity),
    close: new Float64Array(capacity),
    volume: new Float64Array(capacity),
  };
}

/** Room for `capacity` rows, keeping the rows held. */
export function growBarColumns(c: BarColumns, capacity: number): BarColumns {
  if (capacity <= c.time.length) return c;
  const bigger = newBarColumns(capacity);
  for (const k of ['time', 'open', 'high', 'low', 'close', 'volume'] as const) bigger[k].set(c[k].subarray(0, c.length));
  bigger.length = c.length;
  return bigger;
}
