import type { StoreContents } from '@rustybt/ops';
import { venueBroker } from '../brokers/open-venue';
import { venueChecks } from '../brokers/venue-checks';
import { venueTarget } from '../brokers/venue-flags';
import { fail, pass, skip, warn, type ConfigCheck } from './check';

export interface OnlineOptions {
  env: Record<string, string | undefined>;
  store?: StoreContents;
  apiUrl?: string;
  testnet?: boolean;
  symbol?: string;
}

/** Venues with credentials: every venue in the store, and every <EXCHANGE>_API_KEY with its secret that names a ccxt exchange. */
export async function configuredVenues(env: Record<string, string | undefined>, store: StoreContents | undefined): Promise<string[]> {
  const ids = new Set(Object.keys(store?.venues ?? {}));
  const { checkExchangeId } = await import('@rustybt/brokers');
  for (const [name, value] of Object.entries(env)) {
    const m = /^([A-Z0-9]+)_API_KEY$/.exec(name);
    if (!m || !value?.trim() || !env[`${m[1]}_API_SECRET`]?.trim()) continue;
    const id = m[1]!.toLowerCase();
    try {
      await checkExchangeId(id);
      ids.add(id);
    } catch {
      // OPENAI_API_KEY and the like: not a venue.
    }
  }
  return [...ids].sort();
}

const CHECKS: Record<string, string> = {
  connectivity: 'connectivity',
  authentication: 'authentication',
  'clock skew': 'clock',
  'withdrawal permission': 'withdrawals',
  'trading permission': 'trading',
};

/** --online: the test-broker checks of each venue, through the one credential lookup. Withdrawals enabled is a FAIL here. */
export async function onlineChecks(o: OnlineOptions): Promise<ConfigCheck[]> {
  const venues = await configuredVenues(o.env, o.store);
  if (venues.length === 0) return [skip('online', 'venues online', 'no venue has credentials (environment or store)')];
  const out: ConfigCheck[] = [];
  for (const id of venues) {
    const target = venueTarget({ broker: id, ...(o.testnet ? { testnet: true } : {}), ...(o.apiUrl ? { apiUrl: o.apiUrl } : {}), timeout: '10000' });
    const broker = await venueBroker(target, () => {}, o.env);
    try {
      const results = await venueChecks(broker, o.symbol ?? 'BTC/USDT', false);
      for (const r of results.filter((c) => CHECKS[c.name])) {
        const idOf = `online.${id}.${CHECKS[r.name]}`;
        const title = `${id} ${r.name}`;
        if (r.name === 'withdrawal permission' && r.status === 'WARN' && /ENABLED/.test(r.detail))
          out.push(
            fail(idOf, title, r.detail, `Create a ${id} API key without withdrawal rights and store it with rustybt encrypt-credentials --broker ${id}`, id),
          );
        else if (r.status === 'PASS') out.push(pass(idOf, title, r.detail, id));
        else if (r.status === 'SKIP') out.push(skip(idOf, title, r.detail));
        else if (r.status === 'WARN') out.push(warn(idOf, title, r.detail, `See rustybt test-broker --broker ${id}`, id));
        else out.push(fail(idOf, title, r.detail, `See rustybt test-broker --broker ${id}`, id));
      }
    } finally {
      await broker.close();
    }
  }
  return out;
}
