import type * as ccxtModule from 'ccxt';
import type { Exchange, Order as CcxtOrder, Trade as CcxtTrade } from 'ccxt';

/** Types only: ccxt itself is imported lazily (`await import('ccxt')`), so `--help` never pays for it. */
export type CcxtModule = typeof ccxtModule;
export type { CcxtOrder, CcxtTrade, Exchange };
