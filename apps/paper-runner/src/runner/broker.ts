import type { Broker } from '@rustybt/engine';
import { CcxtBroker, PaperBroker, type BrokerLogEntry } from '@rustybt/brokers';
import { lookupCredentials } from '@rustybt/ops';
import { isVenue, type RunnerOptions } from '../options/runner-options';

export type BrokerSettings = Pick<RunnerOptions, 'broker' | 'testnet' | 'apiUrl' | 'env' | 'paperBroker' | 'timeoutMs'>;

/** The broker --broker names: the paper broker, or a ccxt venue with credentials from the environment. */
export function createBroker(o: BrokerSettings, log: (entry: BrokerLogEntry) => void = () => {}): Broker {
  if (!isVenue(o.broker)) return new PaperBroker(o.paperBroker ?? {});
  return new CcxtBroker(
    { exchangeId: o.broker, credentials: venueCredentials(o), testnet: o.testnet, ...(o.apiUrl ? { apiUrl: o.apiUrl } : {}), timeoutMs: o.timeoutMs },
    { log },
  );
}

/** A venue session cannot trade without keys: the environment, else the encrypted store, else say what to do. */
export function venueCredentials(o: BrokerSettings) {
  return lookupCredentials(o.broker, { env: o.env ?? process.env }).credentials;
}
