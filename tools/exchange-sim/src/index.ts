export { startExchangeSim, type ExchangeSim, type RequestLogEntry } from './server';
export { FAULT_KINDS, faultRuleSchema, simOptionsSchema, type FaultKind, type FaultRule, type SimAccountConfig, type SimOptionsInput } from './options';
export { DEFAULT_BALANCES, DEFAULT_MARKETS, type SimMarket } from './markets';
export type { SimOrder, SimTrade } from './venue';
