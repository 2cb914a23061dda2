/**
 * One OHLCV bar. Market data stays in plain numbers: indicators work on them and a backtest moves
 * millions of bars per second; money (fills, cash, PnL) is decimal.js from the moment a price is used.
 */
export interface Bar {
  symbol: string;
  /** Bar open time, epoch milliseconds UTC. */
  time: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

/** Interval strings accepted everywhere: 1m 5m 15m 30m 1h 4h 1d 1w. */
export const INTERVAL_MS = {
  '1m': 60_000,
  '5m': 300_000,
  '15m': 900_000,
  '30m': 1_800_000,
  '1h': 3_600_000,
  '4h': 14_400_000,
  '1d': 86_400_000,
  '1w': 604_800_000,
} as const;

export type Interval = keyof typeof INTERVAL_MS;

export function isInterval(value: string): value is Interval {
  return Object.prototype.hasOwnProperty.call(INTERVAL_MS, value);
}
