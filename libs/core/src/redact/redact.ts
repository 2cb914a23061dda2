/** What a secret, a secret-named field or a request signature becomes. */
export const REDACTED = '[REDACTED]';

/** Field names whose value is a secret whatever it holds. */
export const SECRET_FIELD = /secret|passw(or)?d|passphrase|api[-_]?key|token|private[-_]?key|authorization|credential/i;

/** Environment variables whose value is a secret: *_KEY, *_SECRET, *_PASSWORD, *_TOKEN and the field names above. */
const SECRET_VARIABLE = /(_KEY|_SECRET|_PASSWORD|_PASSPHRASE|_TOKEN)$/i;

/** Shorter values are not treated as secrets: redacting them would mangle ordinary text. */
const MIN_SECRET = 4;
/** Shorter environment values are flags or numbers (`DEBUG_TOKEN=1`), not keys. */
const MIN_ENV_SECRET = 6;
/**
 * A secret's first PREFIX characters are enough to redact it: text cut short (an error quoting the
 * first 80 characters of a reply) can still hold the start of a key, and that start is a leak.
 */
const PREFIX = 8;
/** Nesting beyond this collapses to REDACTED: no recursion limit can then be hit, and nothing deeper leaks. */
const MAX_DEPTH = 32;

// Hex signatures and bearer tokens are secrets we do not know the value of.
const SIGNATURE = /(signature=|sign=|X-BAPI-SIGN["':\s]+)[0-9a-fA-F]{16,}/g;
const BEARER = /(Bearer\s+)[A-Za-z0-9._~+/=-]{8,}/g;

/** Values of environment variables named like secrets (BINANCE_API_KEY, RUSTYBT_API_SECRET, ...). */
export function secretValuesFromEnv(env: Record<string, string | undefined>): string[] {
  return Object.entries(env)
    .filter(([name, value]) => (SECRET_VARIABLE.test(name) || SECRET_FIELD.test(name)) && typeof value === 'string' && value.length >= MIN_ENV_SECRET)
    .map(([, value]) => value as string);
}

/** The secret and, when it has characters JSON escapes, its escaped form (as it reads in serialized text). */
function forms(secrets: ReadonlyArray<string | undefined>): string[] {
  const out = new Set<string>();
  for (const s of secrets) {
    if (typeof s !== 'string' || s.length < MIN_SECRET) continue;
    out.add(s);
    const escaped = JSON.stringify(s).slice(1, -1);
    if (escaped !== s) out.add(escaped);
  }
  return [...out];
}

/** Every [start, end) span of text holding a secret, or at least its first PREFIX characters. */
function spans(text: string, secrets: readonly string[]): Array<[number, number]> {
  const found: Array<[number, number]> = [];
  for (const s of secrets) {
    const head = s.slice(0, PREFIX);
    for (let i = text.indexOf(head); i !== -1; i = text.indexOf(head, i + 1)) {
      let end = i + head.length;
      while (end - i < s.length && text[end] === s[end - i]) end++;
      // A short secret (under PREFIX characters) counts only when whole.
      if (end - i === s.length || end - i >= PREFIX) found.push([i, end]);
    }
  }
  return found.sort((a, b) => a[0] - b[0]);
}

function mask(text: string, secrets: readonly string[]): string {
  const found = spans(text, secrets);
  if (found.length === 0) return text;
  let out = '';
  let at = 0;
  for (let k = 0; k < found.length;) {
    const start = found[k][0];
    let end = found[k][1];
    // Overlapping or touching finds become one placeholder.
    for (k++; k < found.length && found[k][0] <= end; k++) end = Math.max(end, found[k][1]);
    out += text.slice(at, start) + REDACTED;
    at = end;
  }
  return out + text.slice(at);
}

function maskAll(text: string, secrets: readonly string[]): string {
  let out = text;
  // A second pass catches a secret that reads across a placeholder's edge; a secret inside the
  // placeholder itself cannot be removed, hence the bound.
  for (let pass = 0; pass < 3; pass++) {
    const next = mask(out, secrets);
    if (next === out) break;
    out = next;
  }
  return out.replace(SIGNATURE, `$1${REDACTED}`).replace(BEARER, `$1${REDACTED}`);
}

/** Text with every known secret (and any prefix of PREFIX+ characters of one), signature and bearer token replaced. */
export function redactText(text: string, secrets: ReadonlyArray<string | undefined>): string {
  return maskAll(text, forms(secrets));
}

/** A redactor of text bound to a fixed set of secrets (a venue's credentials, the environment's keys). */
export function makeRedactor(secrets: ReadonlyArray<string | undefined>): (text: string) => string {
  const known = forms(secrets);
  return (text) => maskAll(text, known);
}

/**
 * Redacts, then cuts to at most max characters (with an ellipsis). Cutting first could leave the
 * start of a secret that no longer matches it whole.
 */
export function truncateRedacted(text: string, secrets: ReadonlyArray<string | undefined>, max: number): string {
  const clean = redactText(text, secrets);
  return clean.length <= max ? clean : `${clean.slice(0, max)}…`;
}

/**
 * A copy of value with secret-named fields replaced by REDACTED, and known secrets removed from
 * every string and every key, at any depth (beyond MAX_DEPTH levels the rest collapses to REDACTED).
 */
export function redact(value: unknown, secrets: ReadonlyArray<string | undefined>): unknown {
  return redactValue(value, forms(secrets), 0, new WeakSet());
}

function redactValue(value: unknown, secrets: readonly string[], depth: number, seen: WeakSet<object>): unknown {
  if (typeof value === 'string') return maskAll(value, secrets);
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_DEPTH || seen.has(value)) return REDACTED;
  seen.add(value);
  if (Array.isArray(value)) return value.map((v) => redactValue(v, secrets, depth + 1, seen));
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    let name = maskAll(key, secrets);
    // Two keys that redact alike must not overwrite each other.
    for (let n = 2; Object.prototype.hasOwnProperty.call(out, name); n++) name = `${maskAll(key, secrets)}#${n}`;
    out[name] = SECRET_FIELD.test(key) && v !== undefined && v !== null ? REDACTED : redactValue(v, secrets, depth + 1, seen);
  }
  seen.delete(value);
  return out;
}
