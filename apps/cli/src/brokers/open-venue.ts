import { CcxtBroker, checkExchangeId, credentialEnvNames, credentialsFromEnv, type BrokerLogEntry } from '@rustybt/brokers';
import { CliError } from '../errors';
import type { VenueTarget } from './venue-flags';

/**
 * A CcxtBroker for a CLI command, not yet connected. An unknown exchange id is reported first;
 * credentials come from the environment only, their absence an input error naming the variables.
 */
export async function venueBroker(target: VenueTarget, log: (e: BrokerLogEntry) => void, env: Record<string, string | undefined> = process.env): Promise<CcxtBroker> {
  await checkExchangeId(target.exchangeId);
  const credentials = credentialsFromEnv(target.exchangeId, env);
  if (!credentials) {
    const names = credentialEnvNames(target.exchangeId);
    throw new CliError(`no credentials for ${target.exchangeId}. Set ${names.apiKey} and ${names.secret}`);
  }
  return new CcxtBroker(
    {
      exchangeId: target.exchangeId,
      credentials,
      testnet: target.testnet,
      ...(target.apiUrl ? { apiUrl: target.apiUrl } : {}),
      timeoutMs: target.timeoutMs,
      // A pre-flight check should report a failure, not sit through long backoffs.
      retry: { maxAttempts: 2, baseDelayMs: 200, maxDelayMs: 1000, seed: 1 },
      pollIntervalMs: 250,
    },
    { log },
  );
}
