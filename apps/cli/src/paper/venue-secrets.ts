import { lookupCredentials } from '@rustybt/ops';
import { isVenue, type RunnerOptions } from '@rustybt/paper-runner';
import { knowSecrets } from '../stderr-redaction';

/**
 * A venue session reads its keys from the environment or the encrypted store inside the runner;
 * the CLI's last redaction pass over stderr must know the store's too (the environment's it knows
 * from the start). Missing or unreadable credentials are the runner's to report, with its remedy.
 */
export function knowVenueSecrets(options: Pick<RunnerOptions, 'broker' | 'env'>): void {
  if (!isVenue(options.broker)) return;
  try {
    const { apiKey, secret, password } = lookupCredentials(options.broker, { env: options.env ?? process.env }).credentials;
    knowSecrets([apiKey, secret, password]);
  } catch {
    // Reported by the runner when it connects.
  }
}
