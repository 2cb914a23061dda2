import Decimal from 'decimal.js';
import { z } from 'zod';
import { json, type SimRequest, type SimResponse } from './http-types';
import type { FaultPlan } from './faults';
import type { Venue } from './venue';

const priceSchema = z.object({
  symbol: z.string().min(1),
  price: z
    .string()
    .regex(/^\d+(\.\d+)?$/)
    .nullable(),
});
const clockSchema = z.object({ offsetMs: z.number().int() });
const depthSchema = z.object({
  symbol: z.string().min(1),
  qty: z
    .string()
    .regex(/^\d+(\.\d+)?$/)
    .nullable(),
});

export interface ControlTarget {
  venue: Venue;
  faults: FaultPlan;
  setClockOffset(ms: number): void;
  requestCount(): number;
}

/**
 * `/__sim/*`: lets a test or a user steer an emulator running in another process
 * (faults, price pins, clock offset) and read back what the venue holds.
 */
export function handleControl(req: SimRequest, t: ControlTarget): SimResponse {
  const route = `${req.method} ${req.path}`;
  try {
    switch (route) {
      case 'GET /__sim/state':
        return json(200, {
          requests: t.requestCount(),
          faults: t.faults.pending(),
          orders: t.venue.allOrders().map((o) => ({
            orderId: o.orderId,
            clientOrderId: o.clientOrderId,
            symbol: o.symbol,
            side: o.side,
            type: o.type,
            status: o.status,
            quantity: o.quantity.toString(),
            executedQty: o.executedQty.toString(),
          })),
        });
      case 'POST /__sim/faults': {
        const body = JSON.parse(req.body || 'null') as unknown;
        const added = (Array.isArray(body) ? body : [body]).map((r) => t.faults.add(r));
        return json(200, { added });
      }
      case 'DELETE /__sim/faults':
        t.faults.clear();
        return json(200, { cleared: true });
      case 'POST /__sim/price': {
        const { symbol, price } = priceSchema.parse(JSON.parse(req.body || 'null'));
        if (!t.venue.market(symbol)) return json(404, { error: `unknown market ${symbol}` });
        t.venue.prices.pin(symbol, price === null ? undefined : new Decimal(price));
        return json(200, { symbol, price });
      }
      case 'POST /__sim/depth': {
        const { symbol, qty } = depthSchema.parse(JSON.parse(req.body || 'null'));
        if (!t.venue.market(symbol)) return json(404, { error: `unknown market ${symbol}` });
        const depth = qty === null ? undefined : new Decimal(qty);
        if (depth?.isZero()) return json(400, { error: 'qty must be above 0 (null lifts the limit)' });
        t.venue.setDepth(symbol, depth);
        return json(200, { symbol, qty });
      }
      case 'POST /__sim/clock': {
        const { offsetMs } = clockSchema.parse(JSON.parse(req.body || 'null'));
        t.setClockOffset(offsetMs);
        return json(200, { offsetMs });
      }
      default:
        return json(404, { error: `unknown control endpoint ${route}` });
    }
  } catch (e) {
    return json(400, { error: e instanceof Error ? e.message.replace(/\s+/g, ' ') : String(e) });
  }
}
