/** The flags of `rustybt test-data` as commander parses them: the command's definition and its implementation share this type. */

export interface TestDataOptions {
  source: string;
  symbol: string;
  start?: string;
  end?: string;
  interval: string;
  calendar: 'auto' | 'nyse' | '24/7' | 'none';
  sigma: number;
  zeroVolumeRun: number;
  sample: number;
  close?: 'raw' | 'adjusted';
  delimiter?: string;
  timezone?: string;
  apiUrl?: string;
  seed?: number;
  cache: boolean;
  output?: string;
}
