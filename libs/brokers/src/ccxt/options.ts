import { z } from 'zod';
import { credentialsSchema } from './credentials';
import { retryPolicySchema } from './retry';

export const ccxtBrokerOptionsSchema = z.object({
  /** A ccxt exchange id: binance, bybit, okx, ... */
  exchangeId: z.string().regex(/^[a-z0-9]+$/, 'a ccxt exchange id is lower-case letters and digits'),
  credentials: credentialsSchema.optional(),
  /** Use the venue's sandbox (ccxt setSandboxMode). */
  testnet: z.boolean().default(false),
  /** Point every endpoint at this base URL (a proxy, a testnet, the local emulator). */
  apiUrl: z.url({ protocol: /^https?$/ }).optional(),
  /** One hard deadline per venue request: connect, headers and body together. */
  timeoutMs: z.number().int().positive().default(10_000),
  /**
   * The venue's recvWindow for signed requests (ccxt's default when absent: Binance 10 s, Bybit 5 s).
   * A request older than this is refused on arrival, so an order not found this long after it was
   * sent is truly absent.
   */
  recvWindowMs: z.number().int().positive().max(60_000).optional(),
  /** How often open orders are polled for fills. */
  pollIntervalMs: z.number().int().positive().default(1000),
  retry: retryPolicySchema.default({ maxAttempts: 5, baseDelayMs: 250, maxDelayMs: 8000, seed: 1 }),
  /** Above this server-time offset connect() warns (and adjusts either way). */
  clockSkewWarnMs: z.number().int().positive().default(1000),
  /** ccxt's own client-side throttle; keep it on against real venues. */
  enableRateLimit: z.boolean().default(true),
});
export type CcxtBrokerOptionsInput = z.input<typeof ccxtBrokerOptionsSchema>;
export type CcxtBrokerOptions = z.output<typeof ccxtBrokerOptionsSchema>;

export interface BrokerLogEntry {
  level: 'info' | 'warn';
  message: string;
}
