export { INTERVAL_MS, isInterval, type Bar, type Interval } from './model/bar';
export {
  isTerminal,
  type Fill,
  type Order,
  type OrderRequest,
  type OrderSide,
  type OrderStatus,
  type OrderType,
  type TimeInForce,
} from './model/order';
export type { Balance, Broker, BrokerEvent } from './broker';
export type { BarQuery, HistoricalSource, LiveSource } from './feed';
