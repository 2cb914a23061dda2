import { z } from 'zod';

export const FAULT_KINDS = [
  'rate_limit',
  'ip_ban',
  'server_error',
  'slow',
  'timestamp',
  'insufficient_balance',
  'bad_key',
  'drop',
  'non_json',
  'slow_body',
  'drop_after_accept',
] as const;

/**
 * One fault rule. Without a window (`fromMs`/`untilMs`) or `every` it is a one-shot injection
 * for the next `times` matching requests (default 1); with them it is a schedule that applies
 * until `times` is used up (default unlimited).
 */
export const faultRuleSchema = z.object({
  kind: z.enum(FAULT_KINDS),
  /** Matches when the request path contains this text (e.g. `/api/v3/order`, `order/create`). */
  path: z.string().min(1).optional(),
  method: z.enum(['GET', 'POST', 'DELETE', 'PUT']).optional(),
  times: z.number().int().positive().optional(),
  /** Let this many matching requests through before the rule starts. */
  skip: z.number().int().nonnegative().optional(),
  /** Only every n-th matching request (schedule). */
  every: z.number().int().positive().optional(),
  /** Window in ms since the server started (schedule). */
  fromMs: z.number().nonnegative().optional(),
  untilMs: z.number().positive().optional(),
  /** `slow`: how long to hold the answer; `slow_body`: how long the body stalls after its first part (default 300 s). */
  delayMs: z.number().int().nonnegative().max(600_000).optional(),
  /** `server_error`: the HTTP status (500-599). */
  status: z.number().int().min(500).max(599).optional(),
  /** `slow` and `drop`: before (request not executed) or after (executed, answer late or lost). */
  when: z.enum(['before', 'after']).optional(),
});
export type FaultRule = z.infer<typeof faultRuleSchema>;
export type FaultKind = (typeof FAULT_KINDS)[number];

export const accountSchema = z.object({
  apiKey: z.string().min(1),
  secret: z.string().min(1),
  /** Starting balances, asset -> decimal string. */
  balances: z.record(z.string(), z.string().regex(/^\d+(\.\d+)?$/)).optional(),
  canTrade: z.boolean().optional(),
  canWithdraw: z.boolean().optional(),
});
export type SimAccountConfig = z.infer<typeof accountSchema>;

export const simOptionsSchema = z.object({
  /** Which REST dialects to answer; both share one order book but each dialect has its own URLs. */
  dialect: z.enum(['binance', 'bybit', 'both']).default('both'),
  host: z.string().default('127.0.0.1'),
  port: z.number().int().min(0).max(65_535).default(0),
  seed: z.number().int().default(1),
  accounts: z
    .array(accountSchema)
    .min(1)
    .default([{ apiKey: 'sim-key', secret: 'sim-secret' }]),
  /** Added to the wall clock for every server timestamp (simulates a venue clock that is off). */
  clockOffsetMs: z.number().int().default(0),
  faults: z.array(faultRuleSchema).default([]),
});
export type SimOptionsInput = z.input<typeof simOptionsSchema>;
export type SimOptions = z.output<typeof simOptionsSchema>;
