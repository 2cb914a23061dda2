import Decimal from 'decimal.js';
import { Subject } from 'rxjs';
import { describe, expect, it } from 'vitest';
import type { Broker, BrokerEvent } from '../broker';
import type { Bar } from '../model/bar';
import { isTerminal, type Order, type OrderRequest } from '../model/order';
import { orderFromJson, orderJsonSchema, orderToJson } from '../model/serialize';
import { EngineRun } from './engine-run';
import type { OrderEvent } from './events';

/** A venue whose answer to every submit is lost: the broker reports the order as unknown. */
class LostAnswerBroker implements Broker {
  readonly id = 'lost';
  readonly reports = 'in-bar' as const;
  private readonly subject = new Subject<BrokerEvent>();
  readonly events$ = this.subject.asObservable();
  async connect() {}
  async close() {}
  onBar() {}
  openOrders() {
    return [];
  }
  submit(r: OrderRequest) {
    const order: Order = { ...r, status: 'unknown', filledQuantity: new Decimal(0), updatedAt: r.createdAt, reason: 'outcome unknown: timed out' };
    this.subject.next({ type: 'order_unknown', order, reason: 'outcome unknown: timed out' });
  }
  cancel() {}
}

const T0 = Date.UTC(2024, 0, 1);
const bars = (n: number): Bar[] =>
  Array.from({ length: n }, (_, i) => ({ symbol: 'X', time: T0 + i * 60_000, open: 10, high: 10, low: 10, close: 10, volume: 1000 }));

describe('an order whose submit outcome is unknown', () => {
  it('is journalled as unknown, stays open (it may exist at the venue) and survives a snapshot', async () => {
    const journal: OrderEvent[] = [];
    const run = new EngineRun({
      runId: 'u',
      strategy: {
        onBar(ctx, bar) {
          if (ctx.state.sent === undefined) {
            ctx.state.sent = true;
            ctx.order(bar.symbol, 1);
          }
        },
      },
      broker: new LostAnswerBroker(),
      symbols: ['X'],
      capital: 1000,
      journal: (e) => journal.push(e),
    });
    await run.start();
    for (const b of bars(3)) run.processBar(b);
    expect(journal.map((e) => [e.type, e.order.status])).toEqual([
      ['order_submitted', 'new'],
      ['order_unknown', 'unknown'],
    ]);
    expect(isTerminal('unknown')).toBe(false);
    const snap = JSON.parse(JSON.stringify(run.snapshot())) as { openOrders: unknown[] };
    expect(snap.openOrders).toHaveLength(1);
    const restored = orderFromJson(orderJsonSchema.parse(snap.openOrders[0]));
    expect(restored).toMatchObject({ clientOrderId: 'u-1', status: 'unknown', reason: 'outcome unknown: timed out' });
    expect(orderToJson(restored).status).toBe('unknown');
  });
});
