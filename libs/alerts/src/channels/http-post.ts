import type { Redactor } from '../redact';
import { DeliveryError, withDeadline, type DeliveryReceipt } from './channel';

const BODY_LIMIT = 64 * 1024;

/** Retry-After as seconds or an HTTP date, in ms; undefined when absent or unreadable. */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (header === null) return undefined;
  const text = header.trim();
  if (/^\d{1,7}$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

export interface PostResult {
  status: number;
  body: string;
  retryAfter: string | null;
}

/**
 * POST under a hard deadline that covers the body too. Network failures and timeouts are retryable;
 * what the message says is redacted (a URL holding a token must not reach a log).
 */
export async function post(url: string, body: string, headers: Record<string, string>, timeoutMs: number, redactor: Redactor): Promise<PostResult> {
  try {
    return await withDeadline(timeoutMs, async (signal) => {
      const res = await fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers }, signal, redirect: 'error' });
      const text = await res.text();
      return { status: res.status, body: text.slice(0, BODY_LIMIT), retryAfter: res.headers.get('retry-after') };
    });
  } catch (err) {
    if (err instanceof DeliveryError) throw err;
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    const why = cause?.code ?? cause?.message ?? redactor.error(err);
    throw new DeliveryError(redactor.text(`request failed (${why})`), true);
  }
}

/** The usual reading of an HTTP answer: 2xx delivered, 408/425/429/5xx retried, other 4xx final. */
export function receiptOf(r: PostResult, redactor: Redactor): DeliveryReceipt {
  if (r.status >= 200 && r.status < 300) return { detail: `HTTP ${r.status}` };
  const snippet = redactor.text(r.body.replace(/\s+/g, ' ').trim().slice(0, 200));
  const message = `HTTP ${r.status}${snippet ? `: ${snippet}` : ''}`;
  const retryable = r.status === 408 || r.status === 425 || r.status === 429 || r.status >= 500;
  throw new DeliveryError(message, retryable, r.status === 429 ? retryAfterMs(r.retryAfter) : undefined);
}
