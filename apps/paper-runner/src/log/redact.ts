const SECRET_KEY = /secret|passw(or)?d|passphrase|api[-_]?key|token|private[-_]?key|authorization|credential/i;
export const REDACTED = '[REDACTED]';

/**
 * Values of environment variables whose names look secret (RUSTYBT_BINANCE_SECRET, ...). Any of them
 * appearing inside a logged string (an error message quoting a URL or header) is cut out too.
 */
export function secretValuesFromEnv(env: Record<string, string | undefined>): string[] {
  return Object.entries(env)
    .filter(([name, value]) => SECRET_KEY.test(name) && typeof value === 'string' && value.length >= 6)
    .map(([, value]) => value as string);
}

/** A copy of value with secret-named fields and known secret values replaced by [REDACTED]. */
export function redact(value: unknown, secrets: readonly string[], depth = 0): unknown {
  if (typeof value === 'string') return redactString(value, secrets);
  if (value === null || typeof value !== 'object' || depth > 8) return value;
  if (Array.isArray(value)) return value.map((v) => redact(v, secrets, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    out[key] = SECRET_KEY.test(key) && v !== undefined && v !== null ? REDACTED : redact(v, secrets, depth + 1);
  }
  return out;
}

function redactString(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) if (out.includes(s)) out = out.split(s).join(REDACTED);
  return out;
}
