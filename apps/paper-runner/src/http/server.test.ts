import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import { connect } from 'node:net';
import { issueToken, verifyToken, type Scope } from '@rustybt/ops';
import { afterEach, describe, expect, it } from 'vitest';
import { RunnerMetrics } from './metrics';
import { FailureLimiter } from './rate-limit';
import { RunnerHttpServer, type AccessOptions, type HttpHandlers } from './server';

const servers: RunnerHttpServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

const key = randomBytes(32);
const verify = (token: string, scope: Scope) => verifyToken(token, { key, requiredScope: scope });
const token = async (scope: Scope) => (await issueToken({ key, scope, subject: 'unit', ttlMs: 600_000 })).token;

function setup(ready: boolean) {
  const metrics = new RunnerMetrics({ session: 'unit' });
  metrics.observe({
    ordersByStatus: () => ({ filled: 3, rejected: 1 }),
    equity: () => 10012.5,
    heartbeatAgeMs: () => 1500,
    lastBarAgeMs: () => undefined,
    brokerConnected: () => true,
  });
  metrics.barsProcessed.inc(42);
  const calls: string[] = [];
  const handlers: HttpHandlers = {
    registry: metrics.registry,
    health: () => ({ live: true, ready }),
    status: () => ({ running: true }),
    halt: ({ cancelOpen, actor }) => (calls.push(`halt ${cancelOpen} ${actor.subject}`), { state: 'HALTED' }),
    resume: ({ actor }) => (calls.push(`resume ${actor.subject}`), { state: 'RUNNING' }),
  };
  return { metrics, handlers, calls };
}

async function start(handlers: HttpHandlers, access: AccessOptions = {}) {
  const server = await RunnerHttpServer.start(0, handlers, access);
  servers.push(server);
  return server;
}

/** A request with a Host header of our choosing (fetch always sends the URL's). */
function rawGet(url: string, host: string): Promise<{ status: number; body: string }> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({ host: u.hostname, port: u.port, path: '/status', headers: { host } }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('RunnerHttpServer', () => {
  it('picks a free loopback port for 0 and serves /health, /metrics and /status', async () => {
    const server = await start(setup(true).handlers);
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const health = await fetch(`${server.url}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ live: true, ready: true });
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toContain('rustybt_bars_processed_total{session="unit"} 42');
    expect(metrics).toContain('rustybt_orders{status="filled",session="unit"} 3');
    expect(metrics).toContain('rustybt_equity{session="unit"} 10012.5');
    expect(metrics).toContain('rustybt_heartbeat_age_seconds{session="unit"} 1.5');
    expect(metrics).toContain('rustybt_feed_last_bar_age_seconds{session="unit"} -1');
    expect(metrics).toMatch(/nodejs_eventloop_lag_seconds\{session="unit"\}/);
    expect(metrics).toMatch(/process_resident_memory_bytes\{session="unit"\}/);
    expect(await (await fetch(`${server.url}/status`)).json()).toEqual({ running: true });
    expect((await fetch(`${server.url}/nope`)).status).toBe(404);
    expect((await fetch(`${server.url}/constructor`)).status).toBe(404);
    expect((await fetch(`${server.url}/health`, { method: 'POST' })).status).toBe(405);
  });

  it('answers 503 when not ready', async () => {
    const server = await start(setup(false).handlers);
    expect((await fetch(`${server.url}/health`)).status).toBe(503);
  });

  it('reports a port in use as an input error', async () => {
    const first = await start(setup(true).handlers);
    const port = Number(new URL(first.url).port);
    await expect(RunnerHttpServer.start(port, setup(true).handlers)).rejects.toMatchObject({ exitCode: 2, message: expect.stringMatching(/is in use/) });
  });

  it('answers 403 to a Host header that is not its own (DNS rebinding), and accepts a configured public name', async () => {
    const server = await start(setup(true).handlers, { publicNames: ['runner.example.com'] });
    const port = new URL(server.url).port;
    expect((await rawGet(server.url, 'attacker.example')).status).toBe(403);
    expect((await rawGet(server.url, `attacker.example:${port}`)).status).toBe(403);
    expect((await rawGet(server.url, `127.0.0.1:${Number(port) + 1}`)).status).toBe(403);
    expect((await rawGet(server.url, `127.0.0.1:${port}`)).status).toBe(200);
    expect((await rawGet(server.url, `localhost:${port}`)).status).toBe(200);
    expect((await rawGet(server.url, `runner.example.com:${port}`)).status).toBe(200);
  });
});

describe('authentication', () => {
  it('with auth required: a read token for /status and /metrics, a trade token for /halt and /resume', async () => {
    const { handlers, calls } = setup(true);
    const server = await start(handlers, { authRequired: true, verify });
    const read = await token('read');
    const trade = await token('trade');
    expect((await fetch(`${server.url}/health`)).status).toBe(200);
    const denied = await fetch(`${server.url}/status`);
    expect(denied.status).toBe(401);
    expect(denied.headers.get('www-authenticate')).toBe('Bearer realm="rustybt"');
    expect((await fetch(`${server.url}/status`, { headers: { authorization: `Bearer ${read}` } })).status).toBe(200);
    expect((await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${read}` } })).status).toBe(200);
    expect((await fetch(`${server.url}/halt`, { method: 'POST', headers: { authorization: `Bearer ${read}` } })).status).toBe(403);
    const halted = await fetch(`${server.url}/halt`, { method: 'POST', headers: { authorization: `Bearer ${trade}` }, body: '{"cancelOpen":true}' });
    expect(await halted.json()).toEqual({ state: 'HALTED' });
    expect((await fetch(`${server.url}/resume`, { method: 'POST', headers: { authorization: `Bearer ${trade}` } })).status).toBe(200);
    expect(calls).toEqual(['halt true unit', 'resume unit']);
  });

  it('on loopback without auth: status open, the kill switch still needs a trade token', async () => {
    const { handlers, calls } = setup(true);
    const server = await start(handlers, { verify });
    expect((await fetch(`${server.url}/status`)).status).toBe(200);
    expect((await fetch(`${server.url}/halt`, { method: 'POST' })).status).toBe(401);
    expect(calls).toEqual([]);
  });

  it('refuses a token in the query string, counts and logs failures without the token, and rate-limits 401s', async () => {
    const { handlers, metrics } = setup(true);
    const logged: string[] = [];
    const server = await start(handlers, {
      authRequired: true,
      verify,
      limiter: new FailureLimiter(5, 3_600_000),
      onAuthFailure: (e) => logged.push(JSON.stringify(e)),
    });
    const read = await token('read');
    expect((await fetch(`${server.url}/status?token=${read}`)).status).toBe(401);
    expect((await fetch(`${server.url}/status?x=${read}`)).status).toBe(401);
    expect((await fetch(`${server.url}/status`, { headers: { authorization: `Bearer ${read}x` } })).status).toBe(401);
    expect((await fetch(`${server.url}/status`, { headers: { authorization: `Basic ${read}` } })).status).toBe(401);
    expect((await fetch(`${server.url}/status`, { headers: { authorization: 'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.' } })).status).toBe(401);
    const limited = await fetch(`${server.url}/status`, { headers: { authorization: `Bearer ${read}` } });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(logged).toHaveLength(5);
    expect(logged.join('\n')).not.toContain(read.split('.')[2]);
    expect(logged.join('\n')).not.toContain(read.split('.')[1]);
    const text = await metrics.registry.metrics();
    expect(text).toMatch(/rustybt_api_auth_failures_total\{reason="token-in-query",session="unit"\} 2/);
    expect(text).toMatch(/rustybt_api_auth_failures_total\{reason="bad-signature",session="unit"\} 1/);
    expect(text).toMatch(/rustybt_api_auth_failures_total\{reason="bad-algorithm",session="unit"\} 1/);
  });

  it('answers 500 with a generic body and hands the error to onError', async () => {
    const { handlers } = setup(true);
    const errors: unknown[] = [];
    const server = await start(
      {
        ...handlers,
        status: () => {
          throw new Error('boom at /home/alice/secret-canary');
        },
      },
      { onError: (e) => errors.push(e) },
    );
    const res = await fetch(`${server.url}/status`);
    expect(res.status).toBe(500);
    expect(await res.text()).toBe('{"error":"internal error"}');
    expect(errors).toHaveLength(1);
  });

  it('caps connections: one beyond the cap is closed at once', async () => {
    const server = await start(setup(true).handlers, { maxConnections: 2 });
    const { port } = new URL(server.url);
    const open = async () => {
      const s = connect(Number(port), '127.0.0.1');
      await new Promise((r) => s.once('connect', r));
      return s;
    };
    const a = await open();
    const b = await open();
    const c = await open();
    await new Promise((r) => c.once('close', r));
    expect(a.destroyed || b.destroyed).toBe(false);
    a.destroy();
    b.destroy();
  });
});
