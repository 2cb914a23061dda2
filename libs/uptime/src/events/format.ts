import { logEventSchema, type LogEvent } from './schema';

/** Common fields first, in this order; the analyzer's fast path reads lines written this way without JSON.parse. */
const HEAD = ['timestamp', 'level', 'event', 'session', 'pid', 'version'] as const;

/**
 * One log line (no trailing newline) for an event, validated against the contract.
 * Throws a ZodError for an event that breaks the contract, so a writer cannot emit a line the analyzer rejects.
 */
export function formatEvent(event: LogEvent): string {
  const valid = logEventSchema.parse(event) as Record<string, unknown>;
  const ordered: Record<string, unknown> = {};
  for (const key of HEAD) ordered[key] = valid[key];
  for (const [key, value] of Object.entries(valid)) if (!(key in ordered)) ordered[key] = value;
  return JSON.stringify(ordered);
}

/** `paper-trade-YYYY-MM-DD.log` for the UTC day of `at` (daily rotation). */
export function logFileName(at: Date | number): string {
  return `paper-trade-${new Date(at).toISOString().slice(0, 10)}.log`;
}

/** The contract's timestamp for an instant: ISO 8601 UTC with milliseconds and `Z`. */
export function timestampOf(at: Date | number): string {
  return new Date(at).toISOString();
}

export type ParsedLine = { ok: true; event: LogEvent } | { ok: false; reason: string };

/** Parses one line; never throws (garbled lines are data, not failures). */
export function parseEventLine(line: string): ParsedLine {
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch {
    return { ok: false, reason: 'not JSON' };
  }
  const r = logEventSchema.safeParse(raw);
  if (r.success) return { ok: true, event: r.data };
  const issue = r.error.issues[0];
  return { ok: false, reason: issue ? `${issue.path.join('.') || 'event'}: ${issue.message}` : 'invalid event' };
}
