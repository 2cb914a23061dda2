export { CcxtBroker, BrokerOperationError, type MarketInfo, type VenueOrderView } from './ccxt-broker';
export { ccxtBrokerOptionsSchema, type BrokerLogEntry, type CcxtBrokerOptions, type CcxtBrokerOptionsInput } from './options';
export { credentialsSchema, type Credentials } from './credentials';
export { classifyError, venueMessage, type ClassifiedError } from './error-taxonomy';
export { venueClientOrderId } from './client-order-id';
export { retryPolicySchema, type RetryPolicy, type RetryPolicyInput } from './retry';
export type { Permissions } from './venue-profiles';
export type { ClockReading } from './clock-sync';
export { checkExchangeId } from './create-exchange';
