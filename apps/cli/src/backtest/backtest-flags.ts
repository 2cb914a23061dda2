/** The flags of `rustybt backtest` as commander parses them: the command's definition and its implementation share this type. */

export interface BacktestFlags {
  strategy: string;
  data: string;
  symbol?: string[];
  from?: string;
  to?: string;
  interval?: string;
  capital: string;
  param?: string[];
  fillAt?: 'next-open' | 'close';
  slippage?: string;
  commission?: string;
  latency?: string;
  volumeLimit?: string;
  allowShort?: boolean;
  seed: string;
  output?: string;
  sweep?: string[];
  jobs?: string;
  sort?: string;
  shard?: string;
}
