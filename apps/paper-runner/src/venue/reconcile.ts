import Decimal from 'decimal.js';

/** Relative difference tolerated between what the session expects the venue to hold and what it holds (fees, rounding). */
export const RECONCILE_TOLERANCE = 0.005;
/** Below this absolute difference two amounts are equal whatever their size. */
const DUST = new Decimal('1e-8');

/** The session's own account, from its last checkpoint. */
export interface LocalView {
  base: string;
  quote: string;
  /** Position in the base asset. */
  position: Decimal;
  cash: Decimal;
  /** Starting cash of the session. */
  capital: Decimal;
  /** The venue's base and quote balances when the session was created: the session owns only what it changed. */
  baselineBase: Decimal;
  baselineQuote: Decimal;
  /** Client order ids the session holds as open; `unknown`: sent, the venue's answer lost. */
  openOrders: { clientOrderId: string; side: 'buy' | 'sell'; filled: Decimal; unknown?: boolean }[];
}

/** What the venue says now. */
export interface VenueView {
  baseTotal: Decimal;
  quoteTotal: Decimal;
  /** Client order ids of the orders open at the venue for the symbol. */
  openOrders: string[];
  /** Our open orders the venue no longer lists as open: how much of each filled there (absent: never received). */
  closedOrFilled: Record<string, { filled: Decimal; cost: Decimal } | undefined>;
}

export interface Difference {
  what: string;
  local: string;
  venue: string;
}

export interface Reconciliation {
  ok: boolean;
  differences: Difference[];
  /** Our open orders the venue never received: they are sent now (a crash came between commit and send). */
  toSend: string[];
  /** Orders whose submit outcome was unknown and that the venue does not have: rejected, never sent again. */
  absentUnknown: string[];
  /** Fills made at the venue while the session was down, reported once the session runs (signed base, signed quote). */
  catchUp: { base: Decimal; quote: Decimal };
  /** Orders open at the venue that the session does not know. */
  unknownVenueOrders: string[];
  /** The position and cash that make the session agree with the venue (what adopt-venue sets). */
  adopted: { position: Decimal; cash: Decimal };
}

const within = (a: Decimal, b: Decimal, tolerance: number) =>
  a
    .sub(b)
    .abs()
    .lte(Decimal.max(DUST, Decimal.max(a.abs(), b.abs()).mul(tolerance)));

/**
 * Compares a resumed session with its venue. The session is a share of the venue account: it
 * expects the venue to hold the balances it found at creation plus what it traded since, plus
 * whatever its still-open orders filled while it was down (those fills are reported when it runs).
 */
export function reconcile(local: LocalView, venue: VenueView, tolerance = RECONCILE_TOLERANCE): Reconciliation {
  const venueOpen = new Set(venue.openOrders);
  const ours = new Set(local.openOrders.map((o) => o.clientOrderId));
  let catchBase = new Decimal(0);
  let catchQuote = new Decimal(0);
  const toSend: string[] = [];
  const absentUnknown: string[] = [];
  for (const o of local.openOrders) {
    if (venueOpen.has(o.clientOrderId)) continue;
    const seen = venue.closedOrFilled[o.clientOrderId];
    if (!seen) {
      (o.unknown ? absentUnknown : toSend).push(o.clientOrderId);
      continue;
    }
    const sign = o.side === 'buy' ? 1 : -1;
    const extra = seen.filled.sub(o.filled);
    if (extra.gt(0)) {
      catchBase = catchBase.add(extra.mul(sign));
      // The cost of what filled beyond our record, pro rata.
      catchQuote = catchQuote.sub(seen.filled.isZero() ? 0 : seen.cost.mul(extra).div(seen.filled).mul(sign));
    }
  }
  const expectBase = local.baselineBase.add(local.position).add(catchBase);
  const expectQuote = local.baselineQuote.add(local.cash.sub(local.capital)).add(catchQuote);
  const differences: Difference[] = [];
  if (!within(expectBase, venue.baseTotal, tolerance)) {
    differences.push({
      what: `${local.base} balance`,
      local: `${expectBase.toFixed()} (position ${local.position.toFixed()})`,
      venue: venue.baseTotal.toFixed(),
    });
  }
  if (!within(expectQuote, venue.quoteTotal, tolerance)) {
    differences.push({ what: `${local.quote} balance`, local: `${expectQuote.toFixed()} (cash ${local.cash.toFixed()})`, venue: venue.quoteTotal.toFixed() });
  }
  const unknownVenueOrders = venue.openOrders.filter((id) => !ours.has(id));
  if (unknownVenueOrders.length > 0)
    differences.push({ what: 'open orders', local: `${ours.size} open here`, venue: `not ours: ${unknownVenueOrders.join(', ')}` });
  return {
    ok: differences.length === 0,
    differences,
    toSend,
    absentUnknown,
    catchUp: { base: catchBase, quote: catchQuote },
    unknownVenueOrders,
    adopted: {
      position: venue.baseTotal.sub(local.baselineBase).sub(catchBase),
      cash: venue.quoteTotal.sub(local.baselineQuote).add(local.capital).sub(catchQuote),
    },
  };
}

export function describeDifferences(venueId: string, r: Reconciliation): string {
  return r.differences.map((d) => `${d.what}: ${d.local} expected, ${d.venue} at ${venueId}`).join('; ');
}

/** `BTC/USDT` -> base BTC, quote USDT (a ccxt unified spot symbol). */
export function assetsOf(symbol: string): { base: string; quote: string } | undefined {
  const m = /^([A-Za-z0-9]+)\/([A-Za-z0-9]+)(?::.*)?$/.exec(symbol);
  return m ? { base: m[1]!, quote: m[2]! } : undefined;
}
