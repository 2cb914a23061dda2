import { Decimal, type Fill, type Order, type OrderStatus } from '@rustybt/engine';
import type { CcxtOrder, CcxtTrade, Exchange } from './ccxt-types';

/** ccxt hands out floats; going through their shortest string keeps 0.1 as 0.1. */
export const dec = (v: number | string | undefined | null): Decimal | undefined =>
  v === undefined || v === null || v === '' || Number.isNaN(Number(v)) ? undefined : new Decimal(String(v));

/** ccxt createOrder's arguments for our order: a stop goes as a market order with a trigger price. */
export function createOrderArgs(r: Order, venueClientId: string): Parameters<Exchange['createOrder']> {
  const ccxtType = r.type === 'market' || r.type === 'stop' ? 'market' : 'limit';
  const params: Record<string, unknown> = { clientOrderId: venueClientId };
  if (r.stopPrice) params['triggerPrice'] = Number(r.stopPrice.toString());
  if (ccxtType === 'limit') params['timeInForce'] = r.timeInForce;
  return [r.symbol, ccxtType, r.side, Number(r.quantity.toString()), r.limitPrice ? Number(r.limitPrice.toString()) : undefined, params];
}

export function statusOf(order: CcxtOrder, filled: Decimal, quantity: Decimal): OrderStatus | undefined {
  switch (order.status) {
    case 'open':
      return filled.gt(0) ? 'partially_filled' : 'accepted';
    case 'closed':
      // Closed with something filled is done; closed with nothing filled was taken off the book.
      return filled.gt(0) || quantity.isZero() ? 'filled' : 'cancelled';
    case 'canceled':
      return 'cancelled';
    case 'expired':
      return 'expired';
    case 'rejected':
      return 'rejected';
    default:
      return undefined;
  }
}

export function fillFromTrade(order: Order, t: CcxtTrade, fallbackTime: number): Fill | undefined {
  const quantity = dec(t.amount);
  const price = dec(t.price);
  if (!quantity || !price || quantity.lte(0)) return undefined;
  return {
    fillId: String(t.id ?? `${order.orderId ?? order.clientOrderId}-${t.timestamp ?? fallbackTime}-${quantity.toString()}`),
    clientOrderId: order.clientOrderId,
    ...(order.orderId ? { orderId: order.orderId } : {}),
    symbol: order.symbol,
    side: order.side,
    quantity,
    price,
    commission: dec(t.fee?.cost) ?? new Decimal(0),
    time: t.timestamp ?? fallbackTime,
    ...(t.takerOrMaker === 'maker' || t.takerOrMaker === 'taker' ? { liquidity: t.takerOrMaker } : {}),
  };
}

/**
 * A fill inferred from the cumulative figures of an order update, for venues or answers without
 * trade details: the quantity and cost added since the last update we saw.
 */
export function fillFromDelta(order: Order, venue: CcxtOrder, previousCost: Decimal, now: number): Fill | undefined {
  const filled = dec(venue.filled) ?? new Decimal(0);
  const delta = filled.sub(order.filledQuantity);
  if (delta.lte(0)) return undefined;
  const cost = dec(venue.cost);
  const average = dec(venue.average);
  const price = cost && cost.gt(previousCost) ? cost.sub(previousCost).div(delta) : (average ?? dec(venue.price));
  if (!price) return undefined;
  return {
    fillId: `${order.orderId ?? order.clientOrderId}-${filled.toString()}`,
    clientOrderId: order.clientOrderId,
    ...(order.orderId ? { orderId: order.orderId } : {}),
    symbol: order.symbol,
    side: order.side,
    quantity: delta,
    price: price.toDecimalPlaces(12),
    commission: new Decimal(0),
    time: venue.lastTradeTimestamp ?? venue.timestamp ?? now,
  };
}
