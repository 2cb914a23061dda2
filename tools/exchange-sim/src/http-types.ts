import type { IncomingHttpHeaders } from 'node:http';
import type { FaultKind } from './options';

export interface SimRequest {
  method: string;
  path: string;
  /** The query string exactly as sent (signatures are computed over it). */
  rawQuery: string;
  query: URLSearchParams;
  body: string;
  headers: IncomingHttpHeaders;
}

export interface SimResponse {
  status: number;
  body: string;
  contentType?: string;
}

export const json = (status: number, value: unknown): SimResponse => ({ status, body: JSON.stringify(value) });

/** One REST dialect: answers its own paths, and says how its venue spells each injected fault. */
export interface Dialect {
  readonly name: 'binance' | 'bybit';
  owns(path: string): boolean;
  handle(req: SimRequest): SimResponse;
  fault(kind: Exclude<FaultKind, 'slow' | 'drop' | 'non_json' | 'server_error' | 'slow_body' | 'drop_after_accept'>): SimResponse;
}
