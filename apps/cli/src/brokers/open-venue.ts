import { CcxtBroker, checkExchangeId, type BrokerLogEntry } from '@rustybt/brokers';
import { lookupCredentials, type VenueCredentials } from '@rustybt/ops';
import { knowSecrets } from '../stderr-redaction';
import type { VenueTarget } from './venue-flags';

/**
 * A CcxtBroker for a CLI command, not yet connected. An unknown exchange id is reported first;
 * credentials come from the one lookup (environment, then the encrypted store), or `given`
 * when the caller has them in hand (encrypt-credentials --verify checks new ones before storing).
 */
export async function venueBroker(
  target: VenueTarget,
  log: (e: BrokerLogEntry) => void,
  env: Record<string, string | undefined> = process.env,
  given?: VenueCredentials,
): Promise<CcxtBroker> {
  await checkExchangeId(target.exchangeId);
  const credentials = given ?? lookupCredentials(target.exchangeId, { env }).credentials;
  // Credentials from the store are in no environment variable: the last stderr pass must learn them.
  knowSecrets([credentials.apiKey, credentials.secret, credentials.password]);
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
