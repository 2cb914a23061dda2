import { createHmac, timingSafeEqual } from 'node:crypto';

/** Receivers drop a signature whose timestamp is further than this from their clock. */
export const SIGNATURE_TOLERANCE_S = 300;

const HEX64 = /^[0-9a-f]{64}$/;

function mac(secret: string, t: number, body: string | Buffer): string {
  return createHmac('sha256', secret).update(`${t}.`).update(body).digest('hex');
}

/** `t=<unix s>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>`: the X-RustyBT-Signature header. */
export function signatureHeader(secret: string, body: string | Buffer, unixSeconds: number): string {
  return `t=${unixSeconds},v1=${mac(secret, unixSeconds, body)}`;
}

export type VerifyResult = { ok: true; timestamp: number } | { ok: false; reason: 'malformed' | 'stale' | 'future' | 'mismatch' };

export interface VerifyOptions {
  /** The raw request body exactly as received (before any JSON parsing). */
  body: string | Buffer;
  /** The X-RustyBT-Signature header value. */
  header: string | undefined | null;
  secret: string;
  /** Receiver's clock, epoch ms (default Date.now()). */
  now?: number;
  /** Allowed age of `t`, seconds (default 300). */
  toleranceSeconds?: number;
}

/**
 * For receivers: checks the signature of a delivery in constant time and drops a `t` older than five
 * minutes (a replayed request) or as far in the future. Several `v1=` entries are accepted (a
 * sender rotating secrets may sign with both); any one matching is enough.
 */
export function verifySignature(o: VerifyOptions): VerifyResult {
  const parsed = parseHeader(o.header);
  if (!parsed) return { ok: false, reason: 'malformed' };
  const nowS = Math.floor((o.now ?? Date.now()) / 1000);
  const tolerance = o.toleranceSeconds ?? SIGNATURE_TOLERANCE_S;
  if (nowS - parsed.t > tolerance) return { ok: false, reason: 'stale' };
  if (parsed.t - nowS > tolerance) return { ok: false, reason: 'future' };
  const expected = Buffer.from(mac(o.secret, parsed.t, o.body), 'hex');
  const match = parsed.v1.some((hex) => timingSafeEqual(Buffer.from(hex, 'hex'), expected));
  return match ? { ok: true, timestamp: parsed.t } : { ok: false, reason: 'mismatch' };
}

function parseHeader(header: string | undefined | null): { t: number; v1: string[] } | undefined {
  if (typeof header !== 'string' || header.length > 1024) return undefined;
  let t: number | undefined;
  const v1: string[] = [];
  for (const part of header.split(',')) {
    const eq = part.indexOf('=');
    if (eq < 0) return undefined;
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (key === 't') {
      if (t !== undefined || !/^\d{1,12}$/.test(value)) return undefined;
      t = Number(value);
    } else if (key === 'v1') {
      if (!HEX64.test(value)) return undefined;
      v1.push(value);
    }
    // Other schemes (v0, v2) are ignored so a sender can add one without breaking receivers.
  }
  return t !== undefined && v1.length > 0 ? { t, v1 } : undefined;
}
