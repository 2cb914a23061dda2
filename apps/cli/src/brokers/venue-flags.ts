import { z } from 'zod';
import { CliError } from '../errors';

/** Flags shared by the commands that reach a venue (test-broker, balance). */
export const venueFlagsSchema = z.object({
  broker: z.string(),
  testnet: z.boolean().optional(),
  apiUrl: z.string().optional(),
  timeout: z.string().default('10000'),
  output: z.string().optional(),
});

export interface VenueTarget {
  exchangeId: string;
  testnet: boolean;
  apiUrl?: string;
  timeoutMs: number;
}

/** Validates the venue flags into what CcxtBroker takes; bad values are usage errors (exit 2). */
export function venueTarget(raw: z.infer<typeof venueFlagsSchema>): VenueTarget {
  const exchangeId = raw.broker.trim().toLowerCase();
  if (!/^[a-z0-9]+$/.test(exchangeId)) throw new CliError(`bad --broker '${raw.broker}'. Use paper or a ccxt exchange id such as binance or bybit`);
  if (!/^\d+$/.test(raw.timeout) || Number(raw.timeout) < 1 || Number(raw.timeout) > 600_000)
    throw new CliError(`bad --timeout '${raw.timeout}'. Give milliseconds between 1 and 600000`);
  if (raw.apiUrl !== undefined) {
    let url: URL | undefined;
    try {
      url = new URL(raw.apiUrl);
    } catch {
      url = undefined;
    }
    if (!url || !/^https?:$/.test(url.protocol)) throw new CliError(`bad --api-url '${raw.apiUrl}'. Give a base URL such as http://127.0.0.1:8900`);
  }
  return { exchangeId, testnet: raw.testnet === true, ...(raw.apiUrl ? { apiUrl: raw.apiUrl } : {}), timeoutMs: Number(raw.timeout) };
}
