import Decimal from 'decimal.js';
import { orderToJson, type EngineSnapshot, type Order } from '@rustybt/engine';
import { InputError } from '@rustybt/ops';
import type { CcxtBroker } from '@rustybt/brokers';
import type { ReconcilePolicy } from '../options/runner-options';
import { assetsOf, describeDifferences, reconcile, type LocalView, type VenueView } from './reconcile';

/** Meta keys of a venue session: the venue's balances when it was created. */
export const BASELINE_KEYS = { base: 'venue_base_start', quote: 'venue_quote_start' } as const;

/** The venue disagrees with the session beyond tolerance: a failed check (exit 1), not a usage error. */
export class ReconcileError extends Error {
  readonly exitCode = 1;
  constructor(message: string) {
    super(message);
    this.name = 'ReconcileError';
  }
}

function assets(symbol: string) {
  const a = assetsOf(symbol);
  if (!a) throw new InputError(`--symbol '${symbol}' is not a venue market. Give one such as BTC/USDT`);
  return a;
}

async function totals(venue: CcxtBroker, symbol: string) {
  const { base, quote } = assets(symbol);
  const balances = await venue.balances();
  const of = (asset: string) => balances.find((b) => b.asset === asset);
  return {
    base,
    quote,
    baseTotal: of(base)?.total ?? new Decimal(0),
    quoteTotal: of(quote)?.total ?? new Decimal(0),
    quoteFree: of(quote)?.free ?? new Decimal(0),
  };
}

/** A new venue session records the venue's balances it starts from; its capital must be there to trade with. */
export async function venueBaseline(venue: CcxtBroker, symbol: string, capital: Decimal): Promise<Record<string, string>> {
  const t = await totals(venue, symbol);
  if (capital.gt(t.quoteFree)) {
    throw new InputError(
      `--capital ${capital.toFixed()} is more than the ${t.quoteFree.toFixed()} ${t.quote} free at ${venue.id}. Lower --capital or fund the account`,
    );
  }
  return { [BASELINE_KEYS.base]: t.baseTotal.toFixed(), [BASELINE_KEYS.quote]: t.quoteTotal.toFixed() };
}

export interface ReconcileOutcome {
  /** The snapshot to resume from: the saved one, or with the venue's view adopted. */
  snapshot: EngineSnapshot;
  /** What was found and done, for the operator. */
  lines: string[];
  /** Orders open at the venue that the session takes over (adopt-venue). */
  adoptedOrders: Order[];
}

/**
 * Reconciliation of a resumed venue session at start: balances of the symbol's assets and open
 * orders, against what the session expects (see reconcile()). A difference beyond tolerance stops
 * the start with a ReconcileError, unless the policy is adopt-venue: then the session takes the
 * venue's balances as its position and cash and tracks the venue's unknown open orders.
 */
export async function reconcileAtStart(
  venue: CcxtBroker,
  symbol: string,
  meta: Record<string, string>,
  snapshot: EngineSnapshot,
  policy: ReconcilePolicy,
): Promise<ReconcileOutcome> {
  const t = await totals(venue, symbol);
  const pos = snapshot.portfolio.positions.find((p) => p.symbol === symbol);
  const localOpen = snapshot.openOrders.filter((o) => o.symbol === symbol);
  const local: LocalView = {
    base: t.base,
    quote: t.quote,
    position: new Decimal(pos?.quantity ?? 0),
    cash: new Decimal(snapshot.portfolio.cash),
    capital: new Decimal(snapshot.capital),
    baselineBase: new Decimal(meta[BASELINE_KEYS.base] ?? 0),
    baselineQuote: new Decimal(meta[BASELINE_KEYS.quote] ?? 0),
    openOrders: localOpen.map((o) => ({
      clientOrderId: o.clientOrderId,
      side: o.side,
      filled: new Decimal(o.filledQuantity),
      unknown: o.status === 'unknown',
    })),
  };
  const venueOpen = await venue.venueOpenOrders(symbol);
  const openIds = new Set(venueOpen.map((o) => o.clientOrderId));
  const closedOrFilled: VenueView['closedOrFilled'] = {};
  for (const o of local.openOrders) {
    if (openIds.has(o.clientOrderId)) continue;
    const seen = await venue.venueOrder(symbol, o.clientOrderId);
    closedOrFilled[o.clientOrderId] = seen ? { filled: seen.filled, cost: seen.cost } : undefined;
  }
  const r = reconcile(local, { baseTotal: t.baseTotal, quoteTotal: t.quoteTotal, openOrders: [...openIds], closedOrFilled });
  const lines: string[] = [];
  if (r.absentUnknown.length > 0)
    lines.push(
      `reconcile: ${r.absentUnknown.length} order(s) whose submit outcome was unknown are not at ${venue.id}; they are rejected, not sent again: ${r.absentUnknown.join(', ')}`,
    );
  if (r.toSend.length > 0) lines.push(`reconcile: ${r.toSend.length} open order(s) never reached ${venue.id}, sending them now: ${r.toSend.join(', ')}`);
  if (!r.catchUp.base.isZero())
    lines.push(`reconcile: ${r.catchUp.base.toFixed()} ${t.base} filled at ${venue.id} while the session was down; the fills are applied as they are read`);
  if (r.ok) {
    lines.push(
      `reconcile: ${venue.id} agrees with the session (${t.base} ${t.baseTotal.toFixed()}, ${t.quote} ${t.quoteTotal.toFixed()}, ${openIds.size} open order(s))`,
    );
    return { snapshot, lines, adoptedOrders: [] };
  }
  const report = describeDifferences(venue.id, r);
  if (policy !== 'adopt-venue') {
    throw new ReconcileError(
      `the session and ${venue.id} disagree: ${report}. Check the account; restart with --reconcile=adopt-venue to take ${venue.id}'s view`,
    );
  }
  lines.push(`reconcile: adopting ${venue.id}'s view (${report})`);
  const adopted = structuredClone(snapshot);
  const before = { position: local.position.toFixed(), cash: local.cash.toFixed() };
  adopted.portfolio.cash = r.adopted.cash.toFixed();
  const positions = adopted.portfolio.positions.filter((p) => p.symbol !== symbol);
  if (!r.adopted.position.isZero()) {
    const price = pos && !new Decimal(pos.quantity).isZero() ? pos.averagePrice : ((await venue.lastPrice(symbol)).last ?? new Decimal(0)).toFixed();
    positions.push({
      symbol,
      quantity: r.adopted.position.toFixed(),
      averagePrice: price,
      realizedPnl: pos?.realizedPnl ?? '0',
      lastPrice: pos?.lastPrice ?? null,
    });
  }
  adopted.portfolio.positions = positions;
  lines.push(`reconcile: position ${symbol} ${before.position} -> ${r.adopted.position.toFixed()}, cash ${before.cash} -> ${r.adopted.cash.toFixed()}`);
  const tracked = venue.openOrders().filter((o) => r.unknownVenueOrders.includes(o.clientOrderId));
  for (const o of tracked) adopted.openOrders.push(orderToJson(o));
  if (tracked.length > 0)
    lines.push(`reconcile: now tracking ${tracked.length} open order(s) placed outside the session: ${tracked.map((o) => o.clientOrderId).join(', ')}`);
  return { snapshot: adopted, lines, adoptedOrders: tracked };
}
