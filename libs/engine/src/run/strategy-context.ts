import type Decimal from 'decimal.js';
import type { Clock } from '../clock/clock';
import type { RollingHistory } from '../history/rolling-history';
import { type DecimalInput, ZERO, toDecimal } from '../model/decimal';
import type { Portfolio } from '../portfolio/portfolio';
import type { RiskEngine } from '../risk/risk-engine';
import type { OrderOptions, PortfolioView, StrategyContext, StrategyParams, StrategyState } from '../strategy/types';
import type { OrderBook } from './order-book';

export interface ContextParts {
  portfolio: Portfolio;
  clock: Clock;
  risk: RiskEngine;
  book: OrderBook;
  history: RollingHistory;
  symbols: readonly string[];
  params: Readonly<StrategyParams>;
  state: StrategyState;
  random: () => number;
  log(level: 'debug' | 'info' | 'warn' | 'error', message: string, data?: Record<string, unknown>): void;
  order(symbol: string, quantity: Decimal, options?: OrderOptions): string | undefined;
  orderTarget(symbol: string, target: DecimalInput, options?: OrderOptions): string | undefined;
  cancel(clientOrderId: string): void;
}

/** The portfolio as a strategy reads it: live getters, nothing copied until asked for. */
export function portfolioView(pf: Portfolio): PortfolioView {
  return {
    get cash() {
      return pf.cash;
    },
    get equity() {
      return pf.equity();
    },
    get realizedPnl() {
      return pf.realizedPnl;
    },
    get fees() {
      return pf.fees;
    },
    get grossExposure() {
      return pf.grossExposure();
    },
    get leverage() {
      const e = pf.equity();
      return e.lte(0) ? ZERO : pf.grossExposure().div(e);
    },
    get positions() {
      return [...pf.positions.values()].filter((p) => !p.isFlat);
    },
  };
}

/** The `ctx` a run hands its strategy: made once per run, its methods allocate nothing per bar. */
export function createStrategyContext(c: ContextParts): StrategyContext {
  const { portfolio: pf, clock, risk, book, history } = c;
  const log = (level: 'debug' | 'info' | 'warn' | 'error') => (message: string, data?: Record<string, unknown>) => c.log(level, message, data);
  return {
    params: c.params,
    state: c.state,
    log: { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') },
    symbols: Object.freeze([...c.symbols]),
    get now() {
      return clock.now();
    },
    get tradingState() {
      return risk.state;
    },
    portfolio: portfolioView(pf),
    random: c.random,
    position: (symbol) => pf.positions.get(symbol) ?? pf.position(symbol),
    history: (symbol, field, n) => history.window(symbol, field, n),
    order: (symbol, quantity, options) => c.order(symbol, toDecimal(quantity), options),
    orderTarget: c.orderTarget,
    cancel: c.cancel,
    openOrders: (symbol) => book.list(symbol),
  };
}
