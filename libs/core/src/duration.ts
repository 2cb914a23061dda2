import { DAY_MS, HOUR_MS, MINUTE_MS, SECOND_MS } from './time';

const UNIT_MS = { ms: 1, s: SECOND_MS, m: MINUTE_MS, h: HOUR_MS, d: DAY_MS } as const;
const DURATION = /^(\d{1,15}(?:\.\d{1,9})?)(ms|s|m|h|d)$/;

export const DURATION_HELP = 'a number and a unit: ms, s, m, h or d (e.g. 10s, 1.5s, 5m, 12h, 30d)';

/**
 * The one duration grammar of every flag and config key: `250ms`, `10s`, `1.5s`, `5m`, `12h`, `30d`
 * -> milliseconds (fractions round to whole ms), or undefined when the text is not a duration. No
 * spaces, no unit-less numbers, no compound forms, so a typo never silently means something else.
 * Zero is a duration; callers that need a positive one say so.
 */
export function parseDuration(text: string): number | undefined {
  const match = DURATION.exec(text);
  if (!match) return undefined;
  const ms = Math.round(Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS]);
  return Number.isSafeInteger(ms) ? ms : undefined;
}

/** The shortest exact spelling of a duration: 90000 -> `90s`, 3600000 -> `1h`, 0 -> `0ms`. */
export function formatDuration(ms: number): string {
  for (const unit of ['d', 'h', 'm', 's'] as const) {
    if (ms !== 0 && ms % UNIT_MS[unit] === 0) return `${ms / UNIT_MS[unit]}${unit}`;
  }
  return `${ms}ms`;
}
