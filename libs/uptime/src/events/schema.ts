import { z } from 'zod';

/** `2026-01-31T23:59:59.123Z`: UTC, milliseconds and `Z` always present, and a real calendar instant. */
export const isoTimestamp = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/, 'ISO 8601 UTC with milliseconds and Z')
  .refine((s) => {
    const ms = Date.parse(s);
    return Number.isFinite(ms) && new Date(ms).toISOString() === s;
  }, 'not a real calendar instant');

/** Money and quantities travel as strings so no float ever rounds them. */
export const decimalString = z.string().regex(/^-?\d+(\.\d+)?$/, 'decimal number as a string');

export const logLevels = ['debug', 'info', 'warn', 'error'] as const;
export const heartbeatStates = ['RUNNING', 'HALTED', 'STOPPING'] as const;
export const stopReasons = ['completed', 'duration_elapsed', 'signal', 'error'] as const;
export const orderEventNames = ['order_submitted', 'order_filled', 'order_rejected', 'order_cancelled'] as const;

const common = {
  timestamp: isoTimestamp,
  level: z.enum(logLevels),
  session: z.string().min(1),
  pid: z.number().int().positive(),
  version: z.string().min(1),
};

export const sessionStartEvent = z.object({
  ...common,
  event: z.literal('session_start'),
  heartbeat_interval_ms: z.number().int().positive(),
  strategy: z.string(),
  broker: z.string(),
  mode: z.enum(['paper', 'live']),
  resumed: z.boolean(),
});

export const heartbeatEvent = z.object({
  ...common,
  event: z.literal('heartbeat'),
  seq: z.number().int().nonnegative(),
  state: z.enum(heartbeatStates),
  equity: decimalString,
});

export const sessionStopEvent = z.object({
  ...common,
  event: z.literal('session_stop'),
  reason: z.enum(stopReasons),
});

const orderFields = {
  ...common,
  order_id: z.string(),
  client_order_id: z.string(),
  symbol: z.string().min(1),
  side: z.enum(['buy', 'sell']),
  qty: decimalString,
  /** null for a market order that has no price yet. */
  price: decimalString.nullable(),
  /** Why (a rejection or cancellation reason); null when there is nothing to say, e.g. a fill. */
  reason: z.string().nullable(),
};

export const orderSubmittedEvent = z.object({ ...orderFields, event: z.literal('order_submitted') });
export const orderFilledEvent = z.object({ ...orderFields, event: z.literal('order_filled') });
export const orderRejectedEvent = z.object({ ...orderFields, event: z.literal('order_rejected') });
export const orderCancelledEvent = z.object({ ...orderFields, event: z.literal('order_cancelled') });

export const riskHaltEvent = z.object({ ...common, event: z.literal('risk_halt'), rule: z.string().min(1), detail: z.string() });
export const riskResumeEvent = z.object({ ...common, event: z.literal('risk_resume'), rule: z.string().min(1), detail: z.string() });

export const errorEvent = z.object({
  ...common,
  event: z.literal('error'),
  error_type: z.string().min(1),
  message: z.string(),
});

/** One line of `paper-trade-YYYY-MM-DD.log` (the log-event contract in DESIGN.md). Extra keys are ignored. */
export const logEventSchema = z.discriminatedUnion('event', [
  sessionStartEvent,
  heartbeatEvent,
  sessionStopEvent,
  orderSubmittedEvent,
  orderFilledEvent,
  orderRejectedEvent,
  orderCancelledEvent,
  riskHaltEvent,
  riskResumeEvent,
  errorEvent,
]);

export type LogEvent = z.infer<typeof logEventSchema>;
export type LogEventName = LogEvent['event'];
export type SessionStartEvent = z.infer<typeof sessionStartEvent>;
export type HeartbeatEvent = z.infer<typeof heartbeatEvent>;
export type SessionStopEvent = z.infer<typeof sessionStopEvent>;
export type OrderEvent =
  z.infer<typeof orderSubmittedEvent> | z.infer<typeof orderFilledEvent> | z.infer<typeof orderRejectedEvent> | z.infer<typeof orderCancelledEvent>;
export type RiskEvent = z.infer<typeof riskHaltEvent> | z.infer<typeof riskResumeEvent>;
export type ErrorEvent = z.infer<typeof errorEvent>;
export type HeartbeatState = (typeof heartbeatStates)[number];
export type LogLevel = (typeof logLevels)[number];
