import type Decimal from 'decimal.js';
import type { Observable } from 'rxjs';
import type { Bar } from './model/bar';
import type { Fill, Order, OrderRequest } from './model/order';

/**
 * Everything a broker tells the engine. Commands go in through methods, results come out on
 * `events$` only — synchronously for a simulated broker (deterministic backtests), later for a venue.
 */
export type BrokerEvent =
  | { type: 'order_accepted'; order: Order }
  | { type: 'order_rejected'; order: Order; reason: string }
  | { type: 'order_filled'; order: Order; fill: Fill }
  | { type: 'order_cancelled'; order: Order; reason: string }
  | { type: 'order_expired'; order: Order; reason: string }
  | { type: 'broker_retry'; operation: string; attempt: number; delayMs: number; errorType: string; message: string }
  | { type: 'broker_error'; operation: string; errorType: string; message: string };

export interface Balance {
  asset: string;
  free: Decimal;
  used: Decimal;
  total: Decimal;
}

export interface Broker {
  /** 'paper', or the ccxt exchange id. */
  readonly id: string;
  readonly events$: Observable<BrokerEvent>;
  connect(): Promise<void>;
  close(): Promise<void>;
  /** Never throws for a business reason: a refusal is an `order_rejected` event. */
  submit(request: OrderRequest): void;
  cancel(clientOrderId: string): void;
  openOrders(): Order[];
  /** Simulated brokers match resting orders against each new bar; venue brokers ignore it. */
  onBar?(bar: Bar): void;
  balances?(): Promise<Balance[]>;
}
