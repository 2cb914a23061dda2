import { z } from 'zod';

/**
 * The `validation` section of config.yaml: the go-live gate. With `required: true`, `rustybt
 * live-trade` (and the runner bin with --live) starts only on a passing `rustybt validate` result younger than `maxAgeHours` whose
 * attestation (strategy, config and lockfile hashes, version) matches what is being started.
 */
export const validationConfigSchema = z
  .object({
    required: z
      .boolean()
      .default(false)
      .describe('live-trade and the runner bin with --live refuse to start without a recent passing validation result (as --require-validation does).'),
    maxAgeHours: z
      .number()
      .positive()
      .max(24 * 365)
      .default(24)
      .describe('Oldest validation result the gate accepts, in hours. Default 24.'),
  })
  .strict();

export type ValidationConfig = z.infer<typeof validationConfigSchema>;
