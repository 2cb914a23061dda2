import { afterEach, describe, expect, it } from 'vitest';
import { RunnerMetrics } from './metrics';
import { RunnerHttpServer } from './server';

const servers: RunnerHttpServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

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
  return { metrics, handlers: { registry: metrics.registry, health: () => ({ live: true, ready }), status: () => ({ running: true }) } };
}

describe('RunnerHttpServer', () => {
  it('picks a free loopback port for 0 and serves /health, /metrics and /status', async () => {
    const { handlers } = setup(true);
    const server = await RunnerHttpServer.start(0, handlers);
    servers.push(server);
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
    expect((await fetch(`${server.url}/health`, { method: 'POST' })).status).toBe(405);
  });

  it('answers 503 when not ready', async () => {
    const server = await RunnerHttpServer.start(0, setup(false).handlers);
    servers.push(server);
    expect((await fetch(`${server.url}/health`)).status).toBe(503);
  });

  it('reports a port in use as an input error', async () => {
    const first = await RunnerHttpServer.start(0, setup(true).handlers);
    servers.push(first);
    const port = Number(new URL(first.url).port);
    await expect(RunnerHttpServer.start(port, setup(true).handlers)).rejects.toMatchObject({ exitCode: 2, message: expect.stringMatching(/is in use/) });
  });
});
