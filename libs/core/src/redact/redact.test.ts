import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { REDACTED, makeRedactor, redact, redactText, secretValuesFromEnv, truncateRedacted } from './redact';

const SECRET = 'CANARYs3cr3tV4lue0123456789';

/** value nested `depth` levels deep under alternating objects and arrays. */
function nest(value: unknown, depth: number): unknown {
  let v = value;
  for (let i = 0; i < depth; i++) v = i % 2 === 0 ? { level: v } : [v];
  return v;
}

describe('redact', () => {
  it('hides secret-named fields and known values inside strings', () => {
    const secrets = secretValuesFromEnv({ RUSTYBT_BINANCE_SECRET: 'sup3rs3cret', BINANCE_API_KEY: 'key-123456', PATH: '/usr/bin' });
    expect(secrets).toEqual(['sup3rs3cret', 'key-123456']);
    const out = redact({ message: 'GET /x?key=key-123456 failed', nested: { apiKey: 'abc', password: 'p', ok: 1 }, list: [{ token: 't' }] }, secrets);
    expect(out).toEqual({ message: `GET /x?key=${REDACTED} failed`, nested: { apiKey: REDACTED, password: REDACTED, ok: 1 }, list: [{ token: REDACTED }] });
  });

  it('takes the values of *_KEY, *_SECRET, *_PASSWORD and *_TOKEN variables, not short flags or ordinary ones', () => {
    const env = {
      SMTP_PASSWORD: 'hunter22',
      GH_TOKEN: 'ghp_abcdef',
      RUSTYBT_ENCRYPTION_KEY: 'rbk1-xyzxyz',
      DEBUG_TOKEN: '1',
      RUSTYBT_HOME: '/home/me/.rustybt',
    };
    expect(secretValuesFromEnv(env).sort()).toEqual(['ghp_abcdef', 'hunter22', 'rbk1-xyzxyz']);
  });

  it('redacts a secret 12 levels deep (it was left as is beyond 8)', () => {
    const out = JSON.stringify(redact(nest({ note: `quoted ${SECRET} here`, apiKey: 'x' }, 12), [SECRET]));
    expect(out).not.toContain(SECRET);
    expect(out).toContain(`quoted ${REDACTED} here`);
  });

  it('collapses nesting beyond its depth limit to a placeholder, however deep, and survives cycles', () => {
    const out = JSON.stringify(redact(nest(SECRET, 5000), []));
    expect(out).not.toContain(SECRET);
    expect(out).toContain(REDACTED);
    const loop: Record<string, unknown> = { name: SECRET };
    loop['self'] = loop;
    expect(redact(loop, [SECRET])).toEqual({ name: REDACTED, self: REDACTED });
  });

  it('redacts the start of a secret that was cut off (a reply quoted to 80 characters)', () => {
    const reply = `<html>proxy error for key=${SECRET} please retry later</html>`;
    const cut = reply.slice(0, reply.indexOf(SECRET) + 10);
    expect(redactText(cut, [SECRET])).not.toContain(SECRET.slice(0, 8));
    expect(redactText('the next 7 chars CANARYs are not a leak', [SECRET])).toContain('CANARYs');
  });

  it('redacts before it truncates', () => {
    const text = `${'x'.repeat(70)}${SECRET}`;
    const out = truncateRedacted(text, [SECRET], 80);
    expect(out).toBe(`${'x'.repeat(70)}${REDACTED}`);
    expect(truncateRedacted(`${'x'.repeat(100)}`, [SECRET], 80)).toBe(`${'x'.repeat(80)}…`);
  });

  it('finds a secret in serialized JSON, where quotes and backslashes are escaped', () => {
    const secret = 'pa"ss\\w0rd!';
    expect(redactText(JSON.stringify({ m: `a ${secret} b` }), [secret])).toBe(`{"m":"a ${REDACTED} b"}`);
  });

  it('hides request signatures and bearer tokens it does not know', () => {
    const r = makeRedactor([]);
    expect(r('POST /api/v3/order?signature=0123456789abcdef0123 Authorization: Bearer eyJhbGciOi.eyJzdWIi.sig')).toBe(
      `POST /api/v3/order?signature=${REDACTED} Authorization: Bearer ${REDACTED}`,
    );
  });
});

// A secret whose first 8 characters are part of the placeholder itself cannot be kept out of
// redacted text; real keys are random, so the fuzz leaves those few out.
const secretArb = fc.string({ minLength: 8, maxLength: 40, unit: 'binary' }).filter((s) => !`${REDACTED}${REDACTED}`.includes(s.slice(0, 8)));

/** Puts secret somewhere in a JSON value: inside a string, as a key, or as a new leaf, at any depth. */
const placedArb = fc
  .tuple(fc.jsonValue({ maxDepth: 6 }), secretArb, fc.string(), fc.string(), fc.nat(), fc.constantFrom('value', 'key', 'leaf'), fc.nat({ max: 40 }))
  .map(([payload, secret, before, after, pick, where, depth]) => {
    const text = `${before}${secret}${after}`;
    const inner = where === 'key' ? { [text]: payload } : where === 'leaf' ? [payload, text] : { payload, message: text };
    return { secret, value: nest(inner, (pick % 3) * depth) };
  });

const strings = (v: unknown): string[] =>
  typeof v === 'string' ? [v] : v !== null && typeof v === 'object' ? Object.entries(v).flatMap(([k, x]) => [k, ...strings(x)]) : [];

describe('redact (fuzz)', () => {
  it('never leaves a secret in any key or string of any nested JSON', () => {
    fc.assert(
      fc.property(placedArb, ({ secret, value }) => {
        for (const s of strings(redact(value, [secret]))) expect(s.includes(secret)).toBe(false);
      }),
    );
  });

  it('never leaves a secret, or its first 8 characters when cut, in serialized text', () => {
    fc.assert(
      fc.property(placedArb, fc.nat(), ({ secret, value }, cutAt) => {
        const text = JSON.stringify(value);
        expect(redactText(text, [secret]).includes(secret)).toBe(false);
        expect(redactText(text, [secret]).includes(JSON.stringify(secret).slice(1, -1))).toBe(false);
        // Cut inside a raw occurrence, leaving at least 8 of its characters.
        const raw = `${text}${secret}`;
        const start = raw.lastIndexOf(secret);
        const cut = raw.slice(0, start + 8 + (cutAt % (secret.length - 7)));
        expect(redactText(cut, [secret]).includes(secret.slice(0, 8))).toBe(false);
        expect(truncateRedacted(raw, [secret], start + 8).includes(secret.slice(0, 8))).toBe(false);
      }),
    );
  });
});
