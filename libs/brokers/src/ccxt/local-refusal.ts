import type { OrderRequest } from '@rustybt/engine';
import type { Exchange } from './ccxt-types';

/** Why an order is refused before anything is sent to the venue, or undefined when it may be sent. */
export function localRefusal(id: string, ex: Exchange | undefined, hasCredentials: boolean, r: OrderRequest): string | undefined {
  if (!ex) return `${id} broker is not connected`;
  if (!hasCredentials) return `no API credentials for ${id}`;
  if (!ex.markets?.[r.symbol]) return `${id} has no market ${r.symbol} (BadSymbol)`;
  if (r.timeInForce === 'DAY') return `${id} does not offer time in force DAY; use GTC or IOC`;
  if ((r.type === 'limit' || r.type === 'stop_limit') && !r.limitPrice) return `a ${r.type} order needs a limit price`;
  if ((r.type === 'stop' || r.type === 'stop_limit') && !r.stopPrice) return `a ${r.type} order needs a stop price`;
  return undefined;
}
