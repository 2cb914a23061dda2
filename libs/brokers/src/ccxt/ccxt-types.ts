import type { Exchange, Order as CcxtOrder, Trade as CcxtTrade } from 'ccxt';

/** Types only: ccxt itself is imported lazily (`await import('ccxt')`), so `--help` never pays for it. */
export type CcxtModule = typeof import('ccxt');
export type { CcxtOrder, CcxtTrade, Exchange };
