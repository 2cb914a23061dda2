import type Decimal from 'decimal.js';
import type { Bar } from '../model/bar';
import type { DecimalInput } from '../model/decimal';
import type { Fill, Order, OrderType, TimeInForce } from '../model/order';
import type { BarField } from '../history/rolling-history';
import type { Position } from '../portfolio/position';
import type { TradingState } from '../risk/limits';

export type ParamValue = number | string | boolean;
export type StrategyParams = Record<string, ParamValue>;
/** Anything JSON can hold: the paper runner persists it between restarts. */
export type StrategyState = Record<string, unknown>;

export interface OrderOptions {
  type?: OrderType;
  limitPrice?: DecimalInput;
  stopPrice?: DecimalInput;
  /** Default GTC. */
  timeInForce?: TimeInForce;
}

/** A position as a strategy sees it: read-only, the portfolio's record changes only through fills. */
export type PositionView = Readonly<
  Pick<Position, 'symbol' | 'quantity' | 'averagePrice' | 'realizedPnl' | 'lastPrice' | 'isFlat' | 'marketValue' | 'unrealizedPnl'>
>;

export interface PortfolioView {
  readonly cash: Decimal;
  /** Cash plus positions at their last price. */
  readonly equity: Decimal;
  readonly realizedPnl: Decimal;
  readonly fees: Decimal;
  /** Gross exposure / equity. */
  readonly leverage: Decimal;
  readonly grossExposure: Decimal;
  /** Positions that are not flat. */
  readonly positions: readonly PositionView[];
}

export interface StrategyLog {
  debug(message: string, data?: Record<string, unknown>): void;
  info(message: string, data?: Record<string, unknown>): void;
  warn(message: string, data?: Record<string, unknown>): void;
  error(message: string, data?: Record<string, unknown>): void;
}

/** What a strategy sees and does. One context per run. */
export interface StrategyContext<P extends StrategyParams = StrategyParams, S extends StrategyState = StrategyState> {
  readonly params: Readonly<P>;
  /** Serialisable state, restored when a paper run resumes. Mutate it freely. */
  state: S;
  readonly log: StrategyLog;
  readonly symbols: readonly string[];
  /** Clock time, epoch ms UTC. */
  readonly now: number;
  readonly tradingState: TradingState;
  /** Seeded uniform [0, 1): same seed, same run. */
  random(): number;
  readonly portfolio: PortfolioView;
  /** The symbol's position (flat when none), read-only. */
  position(symbol: string): PositionView;
  /**
   * Last n values of a bar field, oldest first; fewer while the run warms up. The array is reused
   * and refilled at the symbol's next bar (no allocation per bar): copy it (`[...xs]`) to keep it.
   */
  history(symbol: string, field: BarField, n: number): readonly number[];
  /**
   * Orders a signed quantity (positive buys, negative sells). Returns the client order id, or
   * undefined when the quantity is zero or the risk engine rejected it (an event says why).
   */
  order(symbol: string, quantity: DecimalInput, options?: OrderOptions): string | undefined;
  /** Orders the difference between the target and the position plus open orders. */
  orderTarget(symbol: string, target: DecimalInput, options?: OrderOptions): string | undefined;
  cancel(clientOrderId: string): void;
  openOrders(symbol?: string): Order[];
}

export interface Strategy<P extends StrategyParams = StrategyParams, S extends StrategyState = StrategyState> {
  name?: string;
  /** Parameter defaults. They also name the parameters a run may set (`--param key=value`) and their types. */
  params?: P;
  /** Bars kept per symbol for `ctx.history` (default 1000). */
  historySize?: number;
  onInit?(ctx: StrategyContext<P, S>): void;
  onBar(ctx: StrategyContext<P, S>, bar: Bar): void;
  onFill?(ctx: StrategyContext<P, S>, fill: Fill, order: Order): void;
  /** Order status changes other than fills: accepted, rejected, cancelled, expired. */
  onOrder?(ctx: StrategyContext<P, S>, order: Order): void;
  onStop?(ctx: StrategyContext<P, S>): void;
}

/** Identity at run time; gives a strategy file full typing of `ctx`. */
export function defineStrategy<P extends StrategyParams = StrategyParams, S extends StrategyState = StrategyState>(strategy: Strategy<P, S>): Strategy<P, S> {
  return strategy;
}
