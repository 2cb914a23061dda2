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
  /** The submit's outcome is unknown (status `unknown`); the broker is asking the venue. */
  | { type: 'order_unknown'; order: Order; reason: string }
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

/** The account a run starts from, fresh or resumed: what a simulated broker must hold to behave as before. */
export interface BrokerRestoreState {
  cash: Decimal;
  positions: { symbol: string; quantity: Decimal }[];
  /** Orders that were open when the run was saved; a resumed run never submits them again. */
  openOrders: Order[];
}

/**
 * When a broker's reports reach the engine. `in-bar`: synchronously, while the engine hands it a bar
 * (a simulated broker matches resting orders in `onBar`), so the strategy hears of them with that
 * bar. `between-bars`: at any time (a venue), so the engine tells the strategy as each report arrives.
 */
export type ReportTiming = 'in-bar' | 'between-bars';

export interface Broker {
  /** 'paper', or the ccxt exchange id. */
  readonly id: string;
  readonly reports: ReportTiming;
  readonly events$: Observable<BrokerEvent>;
  connect(): Promise<void>;
  close(): Promise<void>;
  /** Never throws for a business reason: a refusal is an `order_rejected` event. */
  submit(request: OrderRequest): void;
  cancel(clientOrderId: string): void;
  openOrders(): Order[];
  /** Simulated brokers (reports `in-bar`) match resting orders against each new bar here. */
  onBar?(bar: Bar): void;
  balances?(): Promise<Balance[]>;
  /**
   * Called once by the engine before the first bar with the account the run starts from. A paper
   * broker adopts it; a venue broker may reconcile it with the venue or ignore it.
   */
  restore?(state: BrokerRestoreState): void;
}
