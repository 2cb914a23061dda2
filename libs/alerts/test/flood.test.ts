import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { Alerting } from '../src/index';
import { startHttpReceiver, type HttpReceiver } from './support/http-receiver';
import { hookSecret, ManualClock, tempDir, webhookConfig } from './support/setup';

const REASONS = ['insufficient balance', 'insufficient balance', 'insufficient balance', 'max_leverage', 'insufficient balance', 'min notional'];

describe('a flood of rejections (simulated clock)', () => {
  let rx: HttpReceiver | undefined;
  const tmp = tempDir();
  afterEach(async () => {
    await rx?.close();
  });
  afterAll(() => tmp.cleanup());

  it('1,000 rejections in 10 s become 3 single alerts and one digest', async () => {
    rx = await startHttpReceiver();
    const clock = new ManualClock();
    const alerting = Alerting.open({ file: join(tmp.dir, 'flood.alerts.db'), config: webhookConfig(rx.url), resolveSecret: hookSecret, clock });
    try {
      for (let i = 0; i < 1000; i++) {
        const r = alerting.enqueue({
          id: `rej-${i}`,
          event: 'order_rejected',
          severity: 'warning',
          session: 's',
          summary: `order o${i} rejected`,
          details: { reason: REASONS[i % REASONS.length] },
        });
        expect(r.queued).toBe(true);
        clock.advance(10);
        if (i % 50 === 0) await alerting.sender.drain();
      }
      await alerting.sender.drain();
      expect(rx.requests).toHaveLength(3);
      expect(alerting.metrics().depth).toBe(997);
      // The window (5 min from the first) ends: one digest for the other 997.
      clock.advance(5 * 60_000);
      await alerting.sender.drain();
      expect(rx.requests).toHaveLength(4);
      const digest = JSON.parse(rx.requests[3]!.body) as { id: string; summary: string; details: { count: number; reasons: Record<string, number> } };
      expect(digest.summary).toMatch(/^997 orders rejected in 5 min: insufficient balance x66\d, max_leverage x16\d, min notional x16\d$/);
      expect(digest.details.count).toBe(997);
      expect(digest.id).toMatch(/^digest-[0-9a-f]{32}$/);
      expect(rx.requests[3]!.headers['x-rustybt-alert-id']).toBe(digest.id);
      expect(alerting.metrics()).toMatchObject({ sent: 4, digests: 1, failed: 0, dead: 0, depth: 0 });
      // Nothing more arrives once the window after the digest passes quietly.
      clock.advance(10 * 60_000);
      await alerting.sender.drain();
      expect(rx.requests).toHaveLength(4);
      // A later, lone rejection is sent on its own again.
      alerting.enqueue({ id: 'late', event: 'order_rejected', severity: 'warning', session: 's', summary: 'order late rejected' });
      await alerting.sender.drain();
      expect(rx.requests).toHaveLength(5);
      expect(rx.requests[4]!.headers['x-rustybt-alert-id']).toBe('late');
    } finally {
      await alerting.close();
    }
  });

  it('the token bucket spaces out distinct events beyond its burst', async () => {
    rx = await startHttpReceiver();
    const clock = new ManualClock();
    const alerting = Alerting.open({
      file: join(tmp.dir, 'bucket.alerts.db'),
      config: webhookConfig(rx.url, { rateLimit: { burst: 2, perMinute: 6 } }),
      resolveSecret: hookSecret,
      clock,
    });
    try {
      for (let i = 0; i < 5; i++) alerting.enqueue({ id: `e${i}`, event: `event_${i}`, severity: 'critical', session: 's', summary: `event ${i}` });
      await alerting.sender.drain();
      expect(rx.requests).toHaveLength(2);
      clock.advance(10_000);
      await alerting.sender.drain();
      expect(rx.requests).toHaveLength(3);
      clock.advance(20_000);
      await alerting.sender.drain();
      expect(rx.requests.map((r) => r.headers['x-rustybt-alert-id'])).toEqual(['e0', 'e1', 'e2', 'e3', 'e4']);
    } finally {
      await alerting.close();
    }
  });
});
