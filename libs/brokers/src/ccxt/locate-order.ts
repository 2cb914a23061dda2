import type { CcxtOrder, CcxtTrade, Exchange } from './ccxt-types';
import type { VenueProfile } from './venue-profiles';

/** A trade's client order id where the venue reports one (Bybit executions carry orderLinkId; Binance trades carry none). */
function tradeClientId(t: CcxtTrade): string | undefined {
  const info = (t.info ?? {}) as Record<string, unknown>;
  const id = info['orderLinkId'] ?? info['clientOrderId'] ?? info['clientOid'];
  return typeof id === 'string' && id.length > 0 ? id : undefined;
}

/**
 * The venue's order with this client order id, asked three ways: the order itself, the open
 * orders, and the recent trades (an order that filled and dropped out of a venue's order query
 * still has trades). Undefined only when every query answered and none had it; a failed query
 * throws, because "could not ask" is not "absent".
 */
export async function locateOrder(ex: Exchange, profile: VenueProfile, symbol: string, venueClientId: string, sinceMs: number): Promise<CcxtOrder | undefined> {
  const direct = await profile.findByClientId(ex, symbol, venueClientId);
  if (direct) return direct;
  if (ex.has['fetchOpenOrders']) {
    const open = await ex.fetchOpenOrders(symbol);
    const match = open.find((o) => o.clientOrderId === venueClientId);
    if (match) return match;
  }
  if (ex.has['fetchMyTrades']) {
    const trades = await ex.fetchMyTrades(symbol, sinceMs);
    const trade = trades.find((t) => tradeClientId(t) === venueClientId && t.order !== undefined);
    if (trade) return ex.fetchOrder(String(trade.order), symbol, { ...profile.fetchOrderParams });
  }
  return undefined;
}

/** Requests locateOrder may make: its call's deadline is this many request timeouts. */
export const LOCATE_REQUESTS = 4;

/** After recvWindow the venue refuses the request on arrival; this margin covers the clock offset we measured around it. */
const ABSENT_MARGIN_MS = 1000;

/** From when an order sent at `sentAt` and not found is truly absent: the venue would refuse that request as too old. */
export function absentFrom(sentAt: number, ex: Exchange): number {
  const w = Number((ex.options as Record<string, unknown>)['recvWindow']);
  return sentAt + (Number.isFinite(w) && w > 0 ? w : 5000) + ABSENT_MARGIN_MS;
}
