import { z } from 'zod';
import Decimal from 'decimal.js';
import { DECIMAL_STRING } from './decimal';
import type { Fill, Order } from './order';

/** Money and quantities leave the process as decimal strings, never as binary floats. */
export const decimalString = z.string().regex(DECIMAL_STRING, 'expected a decimal number written as a string');

export const orderJsonSchema = z.object({
  clientOrderId: z.string().min(1),
  symbol: z.string().min(1),
  side: z.enum(['buy', 'sell']),
  type: z.enum(['market', 'limit', 'stop', 'stop_limit']),
  quantity: decimalString,
  limitPrice: decimalString.optional(),
  stopPrice: decimalString.optional(),
  timeInForce: z.enum(['GTC', 'IOC', 'DAY']),
  createdAt: z.number(),
  orderId: z.string().optional(),
  status: z.enum(['new', 'accepted', 'partially_filled', 'filled', 'cancelled', 'rejected', 'expired', 'unknown']),
  filledQuantity: decimalString,
  averageFillPrice: decimalString.optional(),
  updatedAt: z.number(),
  reason: z.string().optional(),
});
export type OrderJson = z.infer<typeof orderJsonSchema>;

export const fillJsonSchema = z.object({
  fillId: z.string().min(1),
  clientOrderId: z.string().min(1),
  orderId: z.string().optional(),
  symbol: z.string().min(1),
  side: z.enum(['buy', 'sell']),
  quantity: decimalString,
  price: decimalString,
  commission: decimalString,
  time: z.number(),
  liquidity: z.enum(['maker', 'taker']).optional(),
});
export type FillJson = z.infer<typeof fillJsonSchema>;

const opt = <K extends string>(key: K, value: Decimal | string | undefined) =>
  (value === undefined ? {} : { [key]: value.toString() }) as Partial<Record<K, string>>;

export function orderToJson(o: Order): OrderJson {
  return {
    clientOrderId: o.clientOrderId,
    symbol: o.symbol,
    side: o.side,
    type: o.type,
    quantity: o.quantity.toString(),
    ...opt('limitPrice', o.limitPrice),
    ...opt('stopPrice', o.stopPrice),
    timeInForce: o.timeInForce,
    createdAt: o.createdAt,
    ...(o.orderId !== undefined ? { orderId: o.orderId } : {}),
    status: o.status,
    filledQuantity: o.filledQuantity.toString(),
    ...opt('averageFillPrice', o.averageFillPrice),
    updatedAt: o.updatedAt,
    ...(o.reason !== undefined ? { reason: o.reason } : {}),
  };
}

export function orderFromJson(j: OrderJson): Order {
  return {
    ...j,
    quantity: new Decimal(j.quantity),
    limitPrice: j.limitPrice === undefined ? undefined : new Decimal(j.limitPrice),
    stopPrice: j.stopPrice === undefined ? undefined : new Decimal(j.stopPrice),
    filledQuantity: new Decimal(j.filledQuantity),
    averageFillPrice: j.averageFillPrice === undefined ? undefined : new Decimal(j.averageFillPrice),
  };
}

export function fillToJson(f: Fill): FillJson {
  return {
    fillId: f.fillId,
    clientOrderId: f.clientOrderId,
    ...(f.orderId !== undefined ? { orderId: f.orderId } : {}),
    symbol: f.symbol,
    side: f.side,
    quantity: f.quantity.toString(),
    price: f.price.toString(),
    commission: f.commission.toString(),
    time: f.time,
    ...(f.liquidity !== undefined ? { liquidity: f.liquidity } : {}),
  };
}

export function fillFromJson(j: FillJson): Fill {
  return { ...j, quantity: new Decimal(j.quantity), price: new Decimal(j.price), commission: new Decimal(j.commission) };
}
