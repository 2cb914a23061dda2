import { createHash } from 'node:crypto';

/** What both Binance (newClientOrderId) and Bybit (orderLinkId) accept. */
const VENUE_SAFE = /^[A-Za-z0-9_-]{1,36}$/;

/**
 * The id sent to the venue for an engine client order id: the id itself when the venue accepts it,
 * otherwise a stable hash of it. Same input, same venue id, so a retried or resumed submit is
 * recognised by the venue instead of creating a second order.
 */
export function venueClientOrderId(clientOrderId: string): string {
  if (VENUE_SAFE.test(clientOrderId)) return clientOrderId;
  return `rbt-${createHash('sha256').update(clientOrderId).digest('hex').slice(0, 32)}`;
}
