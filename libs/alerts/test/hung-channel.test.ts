import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Alerting, alertsConfigSchema, type SendEvent } from '../src/index';
import { startHttpReceiver } from './support/http-receiver';
import { tempDir, WEBHOOK_SECRET } from './support/setup';

const tmp = tempDir();
const until = (done: () => boolean) =>
  new Promise<void>((resolve) => {
    const t = setInterval(() => done() && (clearInterval(t), resolve()), 20);
  });
afterAll(() => tmp.cleanup());

describe('a channel that hangs', () => {
  it('does not delay enqueue or a bar loop, and does not hold up the other channel', { timeout: 60_000 }, async () => {
    let holding = true;
    const hung = await startHttpReceiver(() => (holding ? 'hang' : { status: 200, body: 'ok' }));
    const fine = await startHttpReceiver();
    const config = alertsConfigSchema.parse({
      channels: [
        { type: 'webhook', name: 'hung', url: hung.url, secretEnv: 'S', timeoutMs: 60_000 },
        { type: 'webhook', name: 'fine', url: fine.url, secretEnv: 'S' },
      ],
      rules: { rateLimit: { burst: 1000, perMinute: 1000 }, digest: { after: 1000 } },
    });
    const events: SendEvent[] = [];
    const alerting = Alerting.open({ file: join(tmp.dir, 'hung.alerts.db'), config, resolveSecret: () => WEBHOOK_SECRET, onEvent: (e) => events.push(e) });
    alerting.start();
    try {
      alerting.enqueue({ id: 'first', event: 'broker_disconnected', severity: 'critical', session: 's', summary: 'first' });
      // The hung receiver holds the first delivery: from here on the channel is stuck mid-request.
      await hung.waitFor(1);

      // A bar loop: each "bar" enqueues an alert, then yields to the event loop as the runner does.
      const lagsMs: number[] = [];
      const enqueueMs: number[] = [];
      for (let bar = 0; bar < 100; bar++) {
        const due = performance.now();
        await new Promise<void>((r) => setImmediate(r));
        lagsMs.push(performance.now() - due);
        const t = performance.now();
        const r = alerting.enqueue({ id: `bar-${bar}`, event: 'order_rejected', severity: 'warning', session: 's', summary: `order ${bar} rejected` });
        enqueueMs.push(performance.now() - t);
        expect(r.queued).toBe(true);
      }
      // All 100 bars ran while the channel was still stuck on its first request.
      expect(hung.requests).toHaveLength(1);
      expect(events.some((e) => e.channel === 'hung')).toBe(false);
      // Generous slack: a hung send costs the loop nothing like its 60 s timeout.
      expect(Math.max(...lagsMs)).toBeLessThan(1000);
      expect(Math.max(...enqueueMs)).toBeLessThan(1000);
      // The other channel delivered everything meanwhile.
      await until(() => events.filter((e) => e.channel === 'fine' && e.kind === 'sent').length === 101);
      expect(alerting.metrics().depth).toBe(101);
      holding = false;
      hung.release();
      await hung.waitFor(101);
      await until(() => alerting.metrics().depth === 0);
      expect(alerting.metrics()).toMatchObject({ sent: 202, failed: 0, depth: 0 });
    } finally {
      await alerting.close();
      await hung.close();
      await fine.close();
    }
  });
});
