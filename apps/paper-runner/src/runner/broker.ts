import type { Broker } from '@rustybt/engine';
import { PaperBroker } from '@rustybt/brokers';
import type { BrokerName } from '../options/runner-options';

/** The broker --broker names. Only brokers that work end to end are offered. */
export function createBroker(name: BrokerName): Broker {
  switch (name) {
    case 'paper':
      return new PaperBroker();
  }
}
