import { Decimal, type Bar, type BrokerEvent, type OrderRequest } from '@rustybt/engine';
import type { PaperBrokerConfigInput } from './config';
import { PaperBroker } from './paper-broker';

export const T0 = Date.UTC(2024, 0, 2);
export const MIN = 60_000;

/** A bar at minute i of T0's day. */
export function bar(i: number, o: number, h: number, l: number, c: number, volume = 1_000_000, symbol = 'X'): Bar {
  return { symbol, time: T0 + i * MIN, open: o, high: h, low: l, close: c, volume };
}

let seq = 0;
export function order(side: 'buy' | 'sell', quantity: number | string, extra: Partial<OrderRequest> = {}): OrderRequest {
  return { clientOrderId: `t-${++seq}`, symbol: 'X', side, type: 'market', quantity: new Decimal(quantity), timeInForce: 'GTC', createdAt: T0, ...extra };
}

/** A paper broker with an account and a record of everything it said. */
export function paper(config: PaperBrokerConfigInput = {}, cash: number | string = 1_000_000, positions: Record<string, number> = {}) {
  const broker = new PaperBroker(config);
  const events: BrokerEvent[] = [];
  broker.events$.subscribe((e) => events.push(e));
  broker.restore({
    cash: new Decimal(cash),
    positions: Object.entries(positions).map(([symbol, q]) => ({ symbol, quantity: new Decimal(q) })),
    openOrders: [],
  });
  const fills = () => events.flatMap((e) => (e.type === 'order_filled' ? [e.fill] : []));
  const brief = () => fills().map((f) => `${f.side} ${f.quantity.toString()}@${f.price.toString()} fee ${f.commission.toString()} t${(f.time - T0) / MIN}`);
  return { broker, events, fills, brief };
}
