import type { CcxtOrder, Exchange } from './ccxt-types';
import { classifyError } from './error-taxonomy';

export interface Permissions {
  canTrade: boolean | undefined;
  canWithdraw: boolean | undefined;
  /** Where the answer came from, for the test-broker report. */
  source: string;
}

/**
 * What differs per venue and ccxt does not unify: how to keep loadMarkets small, how to find an
 * order by client id, how to read key permissions, whether a test-order endpoint exists.
 */
export interface VenueProfile {
  options: Record<string, unknown>;
  /** The order with this client order id, or undefined when the venue has none. */
  findByClientId(ex: Exchange, symbol: string, venueClientId: string): Promise<CcxtOrder | undefined>;
  /** Extra params every fetchOrder needs. */
  fetchOrderParams: Record<string, unknown>;
  hasTestOrder: boolean;
  permissions?(ex: Exchange): Promise<Permissions>;
}

/** fetchOrder by a client-id param, "not found" as undefined. */
const fetchByParams = (params: (id: string) => Record<string, unknown>) => async (ex: Exchange, symbol: string, id: string) => {
  try {
    return await ex.fetchOrder(undefined as unknown as string, symbol, params(id));
  } catch (e) {
    if (classifyError(e).errorType === 'OrderNotFound') return undefined;
    throw e;
  }
};

const generic: VenueProfile = {
  options: { defaultType: 'spot' },
  findByClientId: fetchByParams((id) => ({ clientOrderId: id })),
  fetchOrderParams: {},
  hasTestOrder: false,
};

const binance: VenueProfile = {
  options: { defaultType: 'spot', fetchMarkets: { types: ['spot'] }, fetchCurrencies: false, fetchMargins: false, warnOnFetchOpenOrdersWithoutSymbol: false },
  findByClientId: fetchByParams((id) => ({ origClientOrderId: id })),
  fetchOrderParams: {},
  hasTestOrder: true,
  async permissions(ex) {
    const info = ((await ex.fetchBalance()).info ?? {}) as { canTrade?: unknown; canWithdraw?: unknown };
    return {
      canTrade: typeof info.canTrade === 'boolean' ? info.canTrade : undefined,
      canWithdraw: typeof info.canWithdraw === 'boolean' ? info.canWithdraw : undefined,
      source: 'GET /api/v3/account canTrade/canWithdraw',
    };
  },
};

const bybit: VenueProfile = {
  options: { defaultType: 'spot', fetchMarkets: { types: ['spot'] } },
  // ccxt's fetchOrder cannot look up by orderLinkId alone (it formats the missing order id): ask the endpoint directly.
  async findByClientId(ex, symbol, id) {
    const market = ex.market(symbol);
    const call = (ex as unknown as { privateGetV5OrderRealtime: (p: Record<string, unknown>) => Promise<{ result?: { list?: unknown[] } }> })
      .privateGetV5OrderRealtime;
    const list = (await call.call(ex, { category: 'spot', symbol: market.id, orderLinkId: id })).result?.list ?? [];
    return list.length > 0 ? ex.parseOrder(list[0] as Record<string, unknown>, market) : undefined;
  },
  // ccxt insists on this acknowledgement for unified accounts (orders older than the last 500 are not found).
  fetchOrderParams: { acknowledged: true },
  hasTestOrder: false,
  async permissions(ex) {
    const call = (ex as unknown as { privateGetV5UserQueryApi: () => Promise<{ result?: { readOnly?: unknown; permissions?: Record<string, unknown> } }> })
      .privateGetV5UserQueryApi;
    const result = (await call.call(ex)).result ?? {};
    const perms = result.permissions ?? {};
    const list = (k: string) => (Array.isArray(perms[k]) ? (perms[k] as unknown[]).map(String) : []);
    return {
      canTrade: Number(result.readOnly) === 0 && list('Spot').includes('SpotTrade'),
      canWithdraw: list('Wallet').includes('Withdraw'),
      source: 'GET /v5/user/query-api readOnly/permissions',
    };
  },
};

export function venueProfile(exchangeId: string): VenueProfile {
  if (exchangeId === 'binance') return binance;
  if (exchangeId === 'bybit') return bybit;
  return generic;
}
