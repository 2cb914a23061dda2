import type Decimal from 'decimal.js';

export type OrderSide = 'buy' | 'sell';
export type OrderType = 'market' | 'limit' | 'stop' | 'stop_limit';
export type TimeInForce = 'GTC' | 'IOC' | 'DAY';
/**
 * `unknown`: sent, but the venue's answer was lost (a timeout, a dropped connection, a 5xx); neither
 * accepted nor rejected until the venue is asked by client order id. Open, not terminal: it may exist.
 */
export type OrderStatus = 'new' | 'accepted' | 'partially_filled' | 'filled' | 'cancelled' | 'rejected' | 'expired' | 'unknown';

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

export const isTerminal = (status: OrderStatus): boolean => status === 'filled' || status === 'cancelled' || status === 'rejected' || status === 'expired';

/**
 * Orders are copied, never mutated, when their state changes. These build the copy field by field:
 * object spread is an order of magnitude slower in V8 and sits on the per-order path.
 */
export function orderOf(r: OrderRequest, status: OrderStatus, filledQuantity: Decimal, updatedAt: number, orderId?: string): Order {
  return {
    clientOrderId: r.clientOrderId,
    symbol: r.symbol,
    side: r.side,
    type: r.type,
    quantity: r.quantity,
    limitPrice: r.limitPrice,
    stopPrice: r.stopPrice,
    timeInForce: r.timeInForce,
    createdAt: r.createdAt,
    orderId,
    status,
    filledQuantity,
    averageFillPrice: undefined,
    updatedAt,
    reason: undefined,
  };
}

export interface OrderChange {
  status: OrderStatus;
  updatedAt: number;
  filledQuantity?: Decimal;
  averageFillPrice?: Decimal;
  reason?: string;
  orderId?: string;
}

export function changedOrder(o: Order, c: OrderChange): Order {
  return {
    clientOrderId: o.clientOrderId,
    symbol: o.symbol,
    side: o.side,
    type: o.type,
    quantity: o.quantity,
    limitPrice: o.limitPrice,
    stopPrice: o.stopPrice,
    timeInForce: o.timeInForce,
    createdAt: o.createdAt,
    orderId: c.orderId ?? o.orderId,
    status: c.status,
    filledQuantity: c.filledQuantity ?? o.filledQuantity,
    averageFillPrice: c.averageFillPrice ?? o.averageFillPrice,
    updatedAt: c.updatedAt,
    reason: c.reason ?? o.reason,
  };
}
