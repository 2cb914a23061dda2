import type { Broker } from '@rustybt/engine';
import { CcxtBroker, PaperBroker, credentialEnvNames, credentialsFromEnv, type BrokerLogEntry } from '@rustybt/brokers';
import { InputError } from '@rustybt/ops';
import { isVenue, type RunnerOptions } from '../options/runner-options';

export type BrokerSettings = Pick<RunnerOptions, 'broker' | 'testnet' | 'apiUrl' | 'env'>;

/** The broker --broker names: the paper broker, or a ccxt venue with credentials from the environment. */
export function createBroker(o: BrokerSettings, log: (entry: BrokerLogEntry) => void = () => {}): Broker {
  if (!isVenue(o.broker)) return new PaperBroker();
  return new CcxtBroker({ exchangeId: o.broker, credentials: venueCredentials(o), testnet: o.testnet, ...(o.apiUrl ? { apiUrl: o.apiUrl } : {}) }, { log });
}

/** A venue session cannot trade without keys: say which variables to set before anything starts. */
export function venueCredentials(o: BrokerSettings) {
  const credentials = credentialsFromEnv(o.broker, o.env ?? process.env);
  if (!credentials) {
    const names = credentialEnvNames(o.broker);
    throw new InputError(`no credentials for ${o.broker}. Set ${names.apiKey} and ${names.secret}`);
  }
  return credentials;
}
