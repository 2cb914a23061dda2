import type { VenueCredentials } from '@rustybt/ops';
import { venueBroker } from '../brokers/open-venue';
import { venueChecks } from '../brokers/venue-checks';
import { venueTarget } from '../brokers/venue-flags';
import { CliError } from '../errors';

/** The checks new credentials must pass before they replace stored ones. */
const MUST_PASS = ['connectivity', 'authentication'];

/**
 * The test-broker checks with credentials not yet stored (hummingbot's connect pattern): the store
 * changes only when the venue accepts them. A failure is exit 1 and the previous credentials stay.
 */
export async function verifyNewCredentials(
  id: string,
  credentials: VenueCredentials,
  flags: { testnet?: boolean; apiUrl?: string; timeout?: string },
  env: Record<string, string | undefined>,
  hadPrevious: boolean,
): Promise<void> {
  const target = venueTarget({
    broker: id,
    ...(flags.testnet ? { testnet: true } : {}),
    ...(flags.apiUrl ? { apiUrl: flags.apiUrl } : {}),
    timeout: flags.timeout ?? '10000',
  });
  const broker = await venueBroker(target, () => {}, env, credentials);
  let checks;
  try {
    checks = await venueChecks(broker, 'BTC/USDT', false);
  } finally {
    await broker.close();
  }
  for (const c of checks.filter((c) => MUST_PASS.includes(c.name))) process.stderr.write(`${c.status.padEnd(4)}  ${c.name}  ${c.detail}\n`);
  const failed = checks.filter((c) => MUST_PASS.includes(c.name) && c.status !== 'PASS');
  if (failed.length > 0) {
    const kept = hadPrevious ? 'the stored ones are unchanged' : 'nothing was stored';
    throw new CliError(
      `the new ${id} credentials failed the ${failed.map((c) => c.name).join(' and ')} check; ${kept}. Check the key and secret (rustybt test-broker --broker ${id} shows every check)`,
      1,
    );
  }
}
