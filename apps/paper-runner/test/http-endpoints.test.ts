import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { metric, PROCESS_TEST_TIMEOUT_MS, startRunner, STRATEGY, until } from './support/runner-process';

const home = mkdtempSync(join(tmpdir(), 'rustybt-http-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));

describe('/health, /metrics and /status of a running runner', { timeout: PROCESS_TEST_TIMEOUT_MS }, () => {
  it('reports liveness, readiness and the trading metrics', async () => {
    const run = startRunner(['--strategy', STRATEGY, '--session', 'web', '--heartbeat', '100ms', '--speed', '12000', '--port', '0'], { RUSTYBT_HOME: home });
    try {
      const url = await run.url;
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      // Until it has traded a little (50 bars, a fill), not for a fixed time.
      await until('50 bars and a fill', async () => (await metric(url, 'rustybt_bars_processed_total')) > 50 && (await metric(url, 'rustybt_fills_total')) > 0);
      const health = await fetch(`${url}/health`);
      expect(health.status).toBe(200);
      const body = (await health.json()) as Record<string, unknown> & { checks: Record<string, { ok: boolean }> };
      expect(body).toMatchObject({ status: 'ok', live: true, ready: true, session: 'web', state: 'RUNNING' });
      expect(body.checks.feed!.ok && body.checks.broker!.ok && body.checks.heartbeat!.ok).toBe(true);

      const metrics = await (await fetch(`${url}/metrics`)).text();
      const value = (name: string) => Number(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, 'm').exec(metrics)?.[1]);
      expect(value('rustybt_bars_processed_total')).toBeGreaterThan(50);
      expect(value('rustybt_fills_total')).toBeGreaterThan(0);
      expect(value('rustybt_equity')).toBeGreaterThan(0);
      expect(value('rustybt_heartbeat_age_seconds')).toBeLessThan(1);
      expect(value('rustybt_broker_connected')).toBe(1);
      expect(metrics).toMatch(/^rustybt_orders\{status="filled",session="web"\} \d+$/m);
      expect(metrics).toMatch(/^rustybt_order_events_total\{event="submitted",session="web"\} \d+$/m);
      expect(metrics).toMatch(/^nodejs_eventloop_lag_seconds\{session="web"\} /m);
      expect(metrics).toMatch(/^process_cpu_seconds_total\{session="web"\} /m);

      const status = (await (await fetch(`${url}/status`)).json()) as Record<string, unknown>;
      expect(status).toMatchObject({ session: 'web', running: true, source: 'http', pid: run.child.pid, symbol: 'SIM', data: 'sim' });
    } finally {
      run.child.kill('SIGTERM');
      await run.exited;
    }
  });
});
