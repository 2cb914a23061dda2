const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
const DURATION = /^(\d{1,12})(ms|s|m|h|d)$/;

/**
 * `10s`, `500ms`, `5m`, `1h`, `2d` -> milliseconds. Strict: one integer and one unit, nothing else,
 * so a typo never silently becomes a different duration.
 */
export function parseDuration(text: string): number {
  const m = DURATION.exec(text);
  if (!m) throw new RangeError(`'${text}' is not a duration. Use an integer and a unit: ms, s, m, h or d (e.g. 10s, 5m, 1h)`);
  const ms = Number(m[1]) * UNIT_MS[m[2] as keyof typeof UNIT_MS];
  if (!Number.isSafeInteger(ms)) throw new RangeError(`'${text}' is too long a duration. Use at most a few years`);
  return ms;
}

/** The shortest exact spelling of a duration, e.g. 90000 -> `90s`, 3600000 -> `1h`. */
export function formatDuration(ms: number): string {
  for (const unit of ['d', 'h', 'm', 's'] as const) {
    if (ms !== 0 && ms % UNIT_MS[unit] === 0) return `${ms / UNIT_MS[unit]}${unit}`;
  }
  return `${ms}ms`;
}
