import type { OutboxCounts } from '@rustybt/alerts';
import type { StateStore } from '../state/store';

export interface StatusReport {
  session: string;
  /** Deliveries in the session's alert outbox by state (pending, held, sent, digested, dead), when it has one. */
  alerts?: OutboxCounts;
  running: boolean;
  /** Where the figures come from: the live runner, or the state file of a stopped one. */
  source: 'http' | 'state';
  pid: number | null;
  url: string | null;
  startedAt: string | null;
  uptimeSeconds: number | null;
  state: string | null;
  strategy: string | null;
  broker: string | null;
  data: string | null;
  symbol: string | null;
  restarts: number;
  lastStop: { at: string; reason: string } | null;
  barsProcessed: number;
  lastBarTime: string | null;
  equity: string | null;
  cash: { asset: string; amount: string }[];
  positions: { symbol: string; quantity: string; averagePrice: string }[];
  ordersByStatus: Record<string, number>;
  openOrders: {
    clientOrderId: string;
    symbol: string;
    side: string;
    type: string;
    quantity: string;
    filledQuantity: string;
    limitPrice: string | null;
    status: string;
  }[];
  recentFills: { fillId: string; clientOrderId: string; symbol: string; side: string; quantity: string; price: string; commission: string; time: string }[];
}

const iso = (ms: number | null | undefined) => (ms === null || ms === undefined ? null : new Date(ms).toISOString());

/** The session as its state file records it. `live` adds what only the running process knows. */
export function statusFromStore(
  session: string,
  store: StateStore,
  live?: { pid: number; url: string | null; startedAt: number; state: string; equity: string; barsProcessed: number; lastBarTime: number | null; now: number },
): StatusReport {
  const meta = store.meta();
  const runs = store.runs();
  const last = runs.at(-1);
  const stopped = [...runs].reverse().find((r) => r.stopped_at !== null);
  const checkpoint = store.checkpoint();
  return {
    session,
    running: live !== undefined,
    source: live ? 'http' : 'state',
    pid: live?.pid ?? last?.pid ?? null,
    url: live?.url ?? null,
    startedAt: iso(live?.startedAt ?? last?.started_at),
    uptimeSeconds: live ? Math.round((live.now - live.startedAt) / 1000) : null,
    state: live?.state ?? null,
    strategy: meta.strategy ?? null,
    broker: meta.broker ?? null,
    data: meta.data ?? null,
    symbol: meta.symbol ?? null,
    restarts: Math.max(0, runs.length - 1),
    lastStop: stopped ? { at: iso(stopped.stopped_at)!, reason: stopped.stop_reason ?? 'unknown' } : null,
    barsProcessed: live?.barsProcessed ?? checkpoint?.bars_processed ?? 0,
    lastBarTime: iso(live ? live.lastBarTime : checkpoint?.last_bar_time),
    equity: live?.equity ?? checkpoint?.equity ?? meta.capital ?? null,
    cash: store.cash(),
    positions: store.positions().map((p) => ({ symbol: p.symbol, quantity: p.quantity, averagePrice: p.avg_price })),
    ordersByStatus: store.orderCountsByStatus(),
    openOrders: store.openOrders().map((o) => ({
      clientOrderId: o.client_order_id,
      symbol: o.symbol,
      side: o.side,
      type: o.type,
      quantity: o.quantity,
      filledQuantity: o.filled_quantity,
      limitPrice: o.limit_price,
      status: o.status,
    })),
    recentFills: store.recentFills(10).map((f) => ({
      fillId: f.fill_id,
      clientOrderId: f.client_order_id,
      symbol: f.symbol,
      side: f.side,
      quantity: f.quantity,
      price: f.price,
      commission: f.commission,
      time: iso(f.time)!,
    })),
  };
}
