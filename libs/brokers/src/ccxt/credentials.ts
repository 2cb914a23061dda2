import { z } from 'zod';

/**
 * What CcxtBroker signs with. Where credentials come from (the environment, the encrypted store)
 * is decided once, by `lookupCredentials` in @rustybt/ops; brokers only take the values.
 */
export const credentialsSchema = z.object({
  apiKey: z.string().min(1),
  secret: z.string().min(1),
  /** Some venues (OKX, KuCoin...) also want a passphrase. */
  password: z.string().min(1).optional(),
});
export type Credentials = z.infer<typeof credentialsSchema>;
