import type Decimal from 'decimal.js';
import type { Bar } from '../model/bar';
import type { Fill, Order } from '../model/order';
import type { RiskRule, TradingState } from '../risk/limits';

/** Order lifecycle events: the ones the journal hook sees, before the strategy does. */
export type OrderEvent =
  | { type: 'order_submitted'; time: number; order: Order }
  | { type: 'order_accepted'; time: number; order: Order }
  | { type: 'order_rejected'; time: number; order: Order; reason: string; source: 'risk' | 'broker' }
  | { type: 'order_unknown'; time: number; order: Order; reason: string }
  | { type: 'order_filled'; time: number; order: Order; fill: Fill }
  | { type: 'order_cancelled'; time: number; order: Order; reason: string }
  | { type: 'order_expired'; time: number; order: Order; reason: string };

export interface PortfolioEvent {
  type: 'portfolio';
  time: number;
  cash: Decimal;
  equity: Decimal;
  grossExposure: Decimal;
  realizedPnl: Decimal;
  fees: Decimal;
  positions: { symbol: string; quantity: Decimal; averagePrice: Decimal }[];
}

/** Everything a run tells the world, in the order it happened. */
export type EngineEvent =
  | { type: 'run_started'; time: number; runId: string; resumed: boolean }
  | { type: 'bar'; time: number; bar: Bar }
  | OrderEvent
  | { type: 'risk_rejection'; time: number; clientOrderId: string; symbol: string; rule: RiskRule; detail: string; limit: string; value: string }
  | { type: 'risk_state'; time: number; from: TradingState; to: TradingState; rule: RiskRule; detail: string; limit?: string; value?: string }
  | PortfolioEvent
  | { type: 'equity'; time: number; equity: Decimal }
  | { type: 'log'; time: number; level: 'debug' | 'info' | 'warn' | 'error'; message: string; data?: Record<string, unknown> }
  | { type: 'broker_retry'; time: number; operation: string; attempt: number; delayMs: number; errorType: string; message: string }
  | { type: 'broker_error'; time: number; operation: string; errorType: string; message: string }
  | { type: 'run_stopped'; time: number; reason: string };

export type EngineEventType = EngineEvent['type'];
