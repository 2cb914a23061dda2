import { z } from 'zod';
import { riskLimitsSchema } from '@rustybt/engine';
import { apiConfigSchema } from './api-schema';
import { paperBrokerConfigSchema } from '@rustybt/brokers';
import { alertsConfigSchema } from '@rustybt/alerts/config';
import { validationConfigSchema } from './validation-schema';

/**
 * The whole of config.yaml. Every key has a default or is optional, so an empty file, or no file,
 * is a valid configuration; each layer (file, environment, flags) can then be checked on its own
 * and an error can name the layer and line it came from.
 */
export const configSchema = z
  .object({
    logLevel: z.enum(['error', 'warn', 'info', 'debug']).default('info').describe('Verbosity of diagnostic output and of runner logs.'),
    logDir: z.string().min(1).optional().describe('Heartbeat log directory. Default: <RUSTYBT_HOME>/logs.'),
    yahooUrl: z.url().optional().describe('Base URL replacing https://query1.finance.yahoo.com for the yahoo data provider (proxies, tests).'),
    risk: riskLimitsSchema
      .optional()
      .describe('Pre-trade risk limits for backtests and paper/live runs (keys and defaults in libs/engine/README.md). Default: the engine defaults.'),
    paper: paperBrokerConfigSchema
      .optional()
      .describe(
        'Paper broker of backtests and paper sessions: fills, slippage, commission, latency, volume limit, shorting (the flags --slippage, --commission, --latency, --volume-limit, --allow-short and --fill-at win). Default: the broker defaults, free fills at the next open.',
      ),
    alerts: alertsConfigSchema.optional().describe('Alert channels and rules (docs/alerts.md). Secrets only by the names of environment variables.'),
    api: apiConfigSchema
      .optional()
      .describe(
        "The runner's HTTP API: whether /status and /metrics need a bearer token on loopback, extra Host names, the connection cap (docs/security.md).",
      ),
    validation: validationConfigSchema.optional().describe('The go-live gate: live-trade needs a recent passing rustybt validate result (docs/validation.md).'),
  })
  .strict();

export type RustybtConfig = z.infer<typeof configSchema>;
export type RustybtConfigInput = z.input<typeof configSchema>;
