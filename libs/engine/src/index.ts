export { INTERVAL_MS, isInterval, type Bar, type Interval } from './model/bar';
export {
  changedOrder,
  isTerminal,
  orderOf,
  type Fill,
  type OrderChange,
  type Order,
  type OrderRequest,
  type OrderSide,
  type OrderStatus,
  type OrderType,
  type TimeInForce,
} from './model/order';
export { parseSymbol, type Asset } from './model/asset';
export { Decimal, ZERO, isPositive, numberOf, toDecimal, type DecimalInput } from './model/decimal';
export {
  decimalString,
  fillFromJson,
  fillJsonSchema,
  fillToJson,
  orderFromJson,
  orderJsonSchema,
  orderToJson,
  type FillJson,
  type OrderJson,
} from './model/serialize';
export type { Balance, Broker, BrokerEvent, BrokerRestoreState, ReportTiming } from './broker';
export type { BarQuery, HistoricalSource, LiveSource } from './feed';
export { SimulatedClock, WallClock, type Clock } from './clock/clock';
export { seededRandom } from './random';
export { EngineInputError, JournalError, StrategyError } from './errors';
export { Position } from './portfolio/position';
export { Portfolio, type FillEffect, type PortfolioJson } from './portfolio/portfolio';
export { TradeTracker, type Trade } from './portfolio/trade-tracker';
export { riskLimitsSchema, type RiskLimits, type RiskLimitsInput, type RiskRule, type TradingState } from './risk/limits';
export { RiskEngine, type OrderExposure, type RiskDecision, type RiskTransition } from './risk/risk-engine';
export type { BarField } from './history/rolling-history';
export {
  defineStrategy,
  type OrderOptions,
  type ParamValue,
  type PortfolioView,
  type PositionView,
  type Strategy,
  type StrategyContext,
  type StrategyLog,
  type StrategyParams,
  type StrategyState,
} from './strategy/types';
export { resolveParams } from './strategy/params';
export { loadStrategy, type LoadStrategyOptions } from './strategy/load-strategy';
export { EngineRun, createEngineRun, type BarSource, type EngineRunOptions, type Retain, type RunResult } from './run/engine-run';
export type { EngineEvent, EngineEventType, OrderEvent, PortfolioEvent } from './run/events';
export { engineSnapshotSchema, type EngineSnapshot } from './run/snapshot';
export type { EquityPoint } from './run/equity-curve';
export type { PerformanceStats } from './run/performance';
