import Decimal from 'decimal.js';
import type { Fill, Order } from '@rustybt/engine';

/** Decimals are stored as their exact text, never as floating point. */
export interface OrderRow {
  client_order_id: string;
  order_id: string | null;
  symbol: string;
  side: string;
  type: string;
  quantity: string;
  limit_price: string | null;
  stop_price: string | null;
  time_in_force: string;
  status: string;
  filled_quantity: string;
  avg_fill_price: string | null;
  reason: string | null;
  created_at: number;
  updated_at: number;
}

export interface FillRow {
  fill_id: string;
  client_order_id: string;
  order_id: string | null;
  symbol: string;
  side: string;
  quantity: string;
  price: string;
  commission: string;
  time: number;
  liquidity: string | null;
}

export interface PositionRow {
  symbol: string;
  quantity: string;
  avg_price: string;
}

export interface CashRow {
  asset: string;
  amount: string;
}

export interface RunRow {
  run_id: number;
  pid: number;
  version: string;
  started_at: number;
  stopped_at: number | null;
  stop_reason: string | null;
  resumed: number;
  url: string | null;
}

export interface CheckpointRow {
  last_bar_time: number;
  bars_processed: number;
  equity: string;
  strategy_state: string;
  engine_snapshot: string;
  updated_at: number;
}

export function orderToRow(o: Order): OrderRow {
  return {
    client_order_id: o.clientOrderId,
    order_id: o.orderId ?? null,
    symbol: o.symbol,
    side: o.side,
    type: o.type,
    quantity: o.quantity.toString(),
    limit_price: o.limitPrice?.toString() ?? null,
    stop_price: o.stopPrice?.toString() ?? null,
    time_in_force: o.timeInForce,
    status: o.status,
    filled_quantity: o.filledQuantity.toString(),
    avg_fill_price: o.averageFillPrice?.toString() ?? null,
    reason: o.reason ?? null,
    created_at: o.createdAt,
    updated_at: o.updatedAt,
  };
}

export function rowToOrder(r: OrderRow): Order {
  return {
    clientOrderId: r.client_order_id,
    ...(r.order_id !== null ? { orderId: r.order_id } : {}),
    symbol: r.symbol,
    side: r.side as Order['side'],
    type: r.type as Order['type'],
    quantity: new Decimal(r.quantity),
    ...(r.limit_price !== null ? { limitPrice: new Decimal(r.limit_price) } : {}),
    ...(r.stop_price !== null ? { stopPrice: new Decimal(r.stop_price) } : {}),
    timeInForce: r.time_in_force as Order['timeInForce'],
    status: r.status as Order['status'],
    filledQuantity: new Decimal(r.filled_quantity),
    ...(r.avg_fill_price !== null ? { averageFillPrice: new Decimal(r.avg_fill_price) } : {}),
    ...(r.reason !== null ? { reason: r.reason } : {}),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export function fillToRow(f: Fill): FillRow {
  return {
    fill_id: f.fillId,
    client_order_id: f.clientOrderId,
    order_id: f.orderId ?? null,
    symbol: f.symbol,
    side: f.side,
    quantity: f.quantity.toString(),
    price: f.price.toString(),
    commission: f.commission.toString(),
    time: f.time,
    liquidity: f.liquidity ?? null,
  };
}
