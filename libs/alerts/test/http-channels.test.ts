import { describe, expect, it } from 'vitest';
import { alertsConfigSchema, createChannel, DeliveryError, verifySignature, type Alert } from '../src/index';
import { startHttpReceiver, type ReceivedRequest } from './support/http-receiver';

const SECRET = 'canary-webhook-secret-Qm81';
const TOKEN = '123456:canary-telegram-token-Zp0';
const SLACK_PATH = '/services/T000/B000/canary-slack-XYZ';

const alert: Alert = {
  id: 'alert-42',
  event: 'risk_halt',
  severity: 'critical',
  session: 's1',
  summary: 'trading halted: max_daily_loss',
  details: { rule: 'max_daily_loss', detail: 'loss 5.2% > 5%' },
  at: Date.UTC(2026, 2, 1),
};

const channel = (c: Record<string, unknown>, env: Record<string, string>) =>
  createChannel(alertsConfigSchema.parse({ channels: [{ name: 'x', timeoutMs: 5000, ...c }] }).channels[0]!, (n) => env[n]);

/** A receiver as the contract asks for: raw body, signature checked, stale `t` refused, ids deduped. */
function verifying(secret: string, clock: () => number = Date.now) {
  const seen = new Set<string>();
  return (r: ReceivedRequest) => {
    const v = verifySignature({ body: r.body, header: r.headers['x-rustybt-signature'] as string, secret, now: clock() });
    if (!v.ok) return { status: 401, body: v.reason };
    const id = r.headers['x-rustybt-alert-id'] as string;
    if (seen.has(id)) return { status: 200, body: 'duplicate' };
    seen.add(id);
    return { status: 200, body: 'ok' };
  };
}

describe('webhook channel', () => {
  it('POSTs the contract JSON, signed, with the alert id header; the receiver verifies it', async () => {
    const rx = await startHttpReceiver(verifying(SECRET));
    try {
      const ch = channel({ type: 'webhook', url: `${rx.url}/hook`, secretEnv: 'S' }, { S: SECRET });
      expect(await ch.send(alert)).toEqual({ detail: 'HTTP 200' });
      const [r] = await rx.waitFor(1);
      expect(r!.path).toBe('/hook');
      expect(r!.headers['content-type']).toBe('application/json');
      expect(r!.headers['x-rustybt-alert-id']).toBe('alert-42');
      expect(r!.headers['x-rustybt-signature']).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
      expect(JSON.parse(r!.body)).toEqual({
        id: 'alert-42',
        event: 'risk_halt',
        severity: 'critical',
        session: 's1',
        summary: 'trading halted: max_daily_loss',
        details: { rule: 'max_daily_loss', detail: 'loss 5.2% > 5%' },
        at: '2026-03-01T00:00:00.000Z',
      });
      expect(JSON.stringify(r)).not.toContain(SECRET);
    } finally {
      await rx.close();
    }
  });

  it('a replayed request with a timestamp older than 5 minutes is rejected by the receiver', async () => {
    let receiverNow = Date.now();
    const rx = await startHttpReceiver(verifying(SECRET, () => receiverNow));
    try {
      const ch = channel({ type: 'webhook', url: rx.url, secretEnv: 'S' }, { S: SECRET });
      await ch.send(alert);
      const [first] = await rx.waitFor(1);
      // The same bytes, replayed six minutes later.
      receiverNow += 6 * 60_000;
      const res = await fetch(rx.url, {
        method: 'POST',
        body: first!.body,
        headers: { 'x-rustybt-signature': first!.headers['x-rustybt-signature'] as string, 'x-rustybt-alert-id': 'alert-42' },
      });
      expect(res.status).toBe(401);
      expect(await res.text()).toBe('stale');
      // And a delivery signed with another secret fails as a mismatch (final: 401 is not retried).
      const wrong = channel({ type: 'webhook', url: rx.url, secretEnv: 'S' }, { S: 'some-other-secret' });
      receiverNow = Date.now();
      const err = (await wrong.send(alert).then(
        () => undefined,
        (e: unknown) => e,
      )) as DeliveryError;
      expect(err).toBeInstanceOf(DeliveryError);
      expect(err.retryable).toBe(false);
      expect(err.message).toBe('HTTP 401: mismatch');
    } finally {
      await rx.close();
    }
  });

  it('a server that sends headers and then stalls the body is cut at the deadline', async () => {
    const { createServer } = await import('node:http');
    const server = createServer((_req, res) => {
      res.writeHead(200, { 'content-length': '100' });
      res.write('partial');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    try {
      const port = (server.address() as { port: number }).port;
      const ch = channel({ type: 'webhook', url: `http://127.0.0.1:${port}`, secretEnv: 'S', timeoutMs: 300 }, { S: SECRET });
      const err = (await ch.send(alert).then(
        () => undefined,
        (e: unknown) => e,
      )) as DeliveryError;
      expect(err.message).toBe('timed out after 300 ms');
      expect(err.retryable).toBe(true);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    }
  });
});

describe('slack channel', () => {
  it('posts {text} to the incoming-webhook URL from the environment; errors never show the URL', async () => {
    const rx = await startHttpReceiver((r, all) => (all.length === 1 ? { status: 200, body: 'ok' } : { status: 404, body: `no_service for ${r.path}` }));
    try {
      const ch = channel({ type: 'slack', urlEnv: 'SLACK' }, { SLACK: `${rx.url}${SLACK_PATH}` });
      expect(await ch.send(alert)).toEqual({ detail: 'HTTP 200' });
      const [r] = await rx.waitFor(1);
      expect(r!.path).toBe(SLACK_PATH);
      const body = JSON.parse(r!.body) as { text: string };
      expect(body.text.split('\n')[0]).toBe('[CRITICAL] s1: trading halted: max_daily_loss');
      const err = (await ch.send(alert).then(
        () => undefined,
        (e: unknown) => e,
      )) as DeliveryError;
      expect(err.retryable).toBe(false);
      expect(err.message).toContain('HTTP 404');
      expect(err.message).not.toContain('canary-slack-XYZ');
    } finally {
      await rx.close();
    }
  });
});

describe('telegram channel', () => {
  it('calls sendMessage on the apiUrl with the chat id; a 429 carries retry_after; the token is never shown', async () => {
    const rx = await startHttpReceiver((r, all) =>
      all.length === 1
        ? { status: 200, headers: { 'content-type': 'application/json' }, body: '{"ok":true,"result":{"message_id":1}}' }
        : {
            status: 429,
            body: JSON.stringify({ ok: false, error_code: 429, description: `Too Many Requests: retry after 7 (${r.path})`, parameters: { retry_after: 7 } }),
          },
    );
    try {
      const ch = channel({ type: 'telegram', tokenEnv: 'TG', chatId: '-100123', apiUrl: rx.url }, { TG: TOKEN });
      expect(await ch.send(alert)).toEqual({ detail: 'HTTP 200' });
      const [r] = await rx.waitFor(1);
      expect(r!.path).toBe(`/bot${TOKEN}/sendMessage`);
      const body = JSON.parse(r!.body) as { chat_id: string; text: string };
      expect(body.chat_id).toBe('-100123');
      expect(body.text).toContain('rule: max_daily_loss');
      const err = (await ch.send(alert).then(
        () => undefined,
        (e: unknown) => e,
      )) as DeliveryError;
      expect(err.retryable).toBe(true);
      expect(err.retryAfterMs).toBe(7000);
      expect(err.message).not.toContain('canary-telegram-token');
      expect(err.message).toContain('[REDACTED]');
    } finally {
      await rx.close();
    }
  });

  it('an unreachable API is a retryable failure without the token in the message', async () => {
    const { createServer } = await import('node:net');
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', () => r()));
    const port = (probe.address() as { port: number }).port;
    await new Promise<void>((r) => probe.close(() => r()));
    const ch = channel({ type: 'telegram', tokenEnv: 'TG', chatId: 42, apiUrl: `http://127.0.0.1:${port}` }, { TG: TOKEN });
    const err = (await ch.send(alert).then(
      () => undefined,
      (e: unknown) => e,
    )) as DeliveryError;
    expect(err.retryable).toBe(true);
    expect(err.message).toMatch(/ECONNREFUSED/);
    expect(err.message).not.toContain('canary');
  });
});
