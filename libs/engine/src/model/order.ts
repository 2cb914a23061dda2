import type Decimal from 'decimal.js';

export type OrderSide = 'buy' | 'sell';
export type OrderType = 'market' | 'limit' | 'stop' | 'stop_limit';
export type TimeInForce = 'GTC' | 'IOC' | 'DAY';
export type OrderStatus = 'new' | 'accepted' | 'partially_filled' | 'filled' | 'cancelled' | 'rejected' | 'expired';

/** What a strategy asks for. `clientOrderId` is deterministic so a retried or resumed submit is idempotent. */
export interface OrderRequest {
  clientOrderId: string;
  symbol: string;
  side: OrderSide;
  type: OrderType;
  quantity: Decimal;
  limitPrice?: Decimal;
  stopPrice?: Decimal;
  timeInForce: TimeInForce;
  /** Epoch ms UTC (clock time) when the strategy created it. */
  createdAt: number;
}

/** An order as the broker knows it. */
export interface Order extends OrderRequest {
  /** Venue/broker id once accepted. */
  orderId?: string;
  status: OrderStatus;
  filledQuantity: Decimal;
  averageFillPrice?: Decimal;
  updatedAt: number;
  /** Why it was rejected, cancelled or expired, in the broker's or venue's words. */
  reason?: string;
}

export interface Fill {
  fillId: string;
  clientOrderId: string;
  orderId?: string;
  symbol: string;
  side: OrderSide;
  quantity: Decimal;
  price: Decimal;
  commission: Decimal;
  /** Epoch ms UTC of the fill. */
  time: number;
  liquidity?: 'maker' | 'taker';
}

export const isTerminal = (status: OrderStatus): boolean =>
  status === 'filled' || status === 'cancelled' || status === 'rejected' || status === 'expired';
