import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Alerting, Outbox, readOutboxCounts, type SendEvent } from '../src/index';
import { startHttpReceiver } from './support/http-receiver';
import { hookSecret, ManualClock, tempDir, WEBHOOK_SECRET, webhookConfig } from './support/setup';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

const nextEvent = (events: SendEvent[], n: number) =>
  new Promise<SendEvent>((resolve) => {
    const check = setInterval(() => {
      if (events.length >= n) {
        clearInterval(check);
        resolve(events[n - 1]!);
      }
    }, 20);
  });

describe('delivery through the outbox', () => {
  it('honours Retry-After on a 429: waits, then delivers once', async () => {
    const rx = await startHttpReceiver((_r, all) =>
      all.length === 1 ? { status: 429, headers: { 'retry-after': '2' }, body: 'slow down' } : { status: 200, body: 'ok' },
    );
    const events: SendEvent[] = [];
    const alerting = Alerting.open({
      file: join(tmp.dir, 'retry-after.alerts.db'),
      config: webhookConfig(rx.url),
      resolveSecret: hookSecret,
      onEvent: (e) => events.push(e),
    });
    alerting.start();
    try {
      alerting.enqueue({ id: 'halt-1', event: 'risk_halt', severity: 'critical', session: 's', summary: 'halted' });
      const retry = await nextEvent(events, 1);
      expect(retry).toMatchObject({ kind: 'retry', id: 'halt-1', detail: 'HTTP 429: slow down', retryInMs: 2000, attempts: 1 });
      const sent = await nextEvent(events, 2);
      expect(sent).toMatchObject({ kind: 'sent', id: 'halt-1', attempts: 2, detail: 'HTTP 200' });
      expect(rx.requests).toHaveLength(2);
      // It waited the 2 s it was asked for (a lower bound, not a speed budget).
      expect(rx.requests[1]!.at - rx.requests[0]!.at).toBeGreaterThanOrEqual(1900);
      expect(alerting.metrics()).toMatchObject({ sent: 1, failed: 1, dead: 0, depth: 0 });
      // Nothing else arrives: one delivery.
      await new Promise((r) => setTimeout(r, 300));
      expect(rx.requests).toHaveLength(2);
    } finally {
      await alerting.close();
      await rx.close();
    }
  });

  it('retries with backoff, then dead-letters after maxAttempts; a 400 is dead at once', async () => {
    const rx = await startHttpReceiver((r) =>
      r.headers['x-rustybt-alert-id'] === 'bad' ? { status: 400, body: 'bad payload' } : { status: 503, body: 'down' },
    );
    const clock = new ManualClock();
    const events: SendEvent[] = [];
    const alerting = Alerting.open({
      file: join(tmp.dir, 'dead.alerts.db'),
      config: webhookConfig(rx.url, { retry: { maxAttempts: 4, initialDelay: '1s', maxDelay: '1m' } }),
      resolveSecret: hookSecret,
      clock,
      seed: 7,
      onEvent: (e) => events.push(e),
    });
    try {
      alerting.enqueue({ id: 'down', event: 'error', severity: 'critical', session: 's', summary: 'boom' });
      alerting.enqueue({ id: 'bad', event: 'error2', severity: 'critical', session: 's', summary: 'boom' });
      for (let i = 0; i < 6; i++) {
        await alerting.sender.drain();
        clock.advance(60_000);
      }
      const down = events.filter((e) => e.id === 'down');
      expect(down.map((e) => e.kind)).toEqual(['retry', 'retry', 'retry', 'dead']);
      // 1 s, 2 s, 4 s, each within +-20% jitter.
      expect(down.slice(0, 3).map((e) => e.retryInMs! / 1000 / 2 ** down.indexOf(e))).toSatisfy((xs: number[]) => xs.every((x) => x >= 0.8 && x <= 1.2));
      expect(events.filter((e) => e.id === 'bad').map((e) => e.kind)).toEqual(['dead']);
      expect(alerting.metrics()).toMatchObject({ sent: 0, failed: 5, dead: 2, depth: 0 });
      expect(readOutboxCounts(alerting.outbox.path)).toMatchObject({ dead: 2, pending: 0 });
    } finally {
      await alerting.close();
      await rx.close();
    }
  });

  it('the same seed retries at the same instants', async () => {
    const delays = async () => {
      const rx = await startHttpReceiver(() => ({ status: 500 }));
      const clock = new ManualClock();
      const events: SendEvent[] = [];
      const a = Alerting.open({
        file: join(tmp.dir, `seed-${Math.random()}.alerts.db`),
        config: webhookConfig(rx.url),
        resolveSecret: hookSecret,
        clock,
        seed: 42,
        onEvent: (e) => events.push(e),
      });
      a.enqueue({ id: 'x', event: 'error', severity: 'critical', session: 's', summary: 'x' });
      for (let i = 0; i < 4; i++) {
        await a.sender.drain();
        clock.advance(600_000);
      }
      await a.close();
      await rx.close();
      return events.map((e) => e.retryInMs);
    };
    expect(await delays()).toEqual(await delays());
  });

  it('an alert id enqueued twice is one alert; the outbox is owner-only and holds no secret', async () => {
    const clock = new ManualClock();
    const file = join(tmp.dir, 'dedup.alerts.db');
    const alerting = Alerting.open({ file, config: webhookConfig('http://127.0.0.1:9/x'), resolveSecret: hookSecret, clock, secrets: ['canary-api-key-Vv55'] });
    try {
      expect(
        alerting.enqueue({
          id: 'same',
          event: 'error',
          severity: 'critical',
          session: 's',
          summary: 'uses canary-api-key-Vv55',
          details: { message: 'key canary-api-key-Vv55 refused' },
        }),
      ).toMatchObject({ queued: true });
      expect(alerting.enqueue({ id: 'same', event: 'error', severity: 'critical', session: 's', summary: 'again' })).toMatchObject({
        queued: false,
        reason: 'duplicate',
      });
      expect(alerting.metrics().depth).toBe(1);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(statSync(`${file}-wal`).mode & 0o777).toBe(0o600);
    } finally {
      await alerting.close();
    }
    const { readFileSync } = await import('node:fs');
    expect(readFileSync(file).toString('latin1')).not.toContain('canary-api-key');
    expect(readFileSync(file).toString('latin1')).not.toContain(WEBHOOK_SECRET);
  });

  it('enqueue never throws, even when the outbox is gone', async () => {
    const alerting = Alerting.open({ file: join(tmp.dir, 'closed.alerts.db'), config: webhookConfig('http://127.0.0.1:9/x'), resolveSecret: hookSecret });
    await alerting.close();
    const r = alerting.enqueue({ event: 'error', severity: 'critical', session: 's', summary: 'after close' });
    expect(r).toMatchObject({ queued: false, reason: 'error' });
    expect(alerting.metrics().enqueueErrors).toBe(1);
  });

  it('a file that is not an outbox is refused with a clear message', async () => {
    const { writeFileSync } = await import('node:fs');
    const file = join(tmp.dir, 'junk.alerts.db');
    writeFileSync(file, 'not a database at all');
    expect(() => Outbox.open(file)).toThrow(/is not an SQLite file/);
  });
});

describe('outbox pruning', () => {
  it('forgets deliveries sent over a week ago, keeps dead letters and what is pending', async () => {
    const rx = await startHttpReceiver((r) => (r.headers['x-rustybt-alert-id'] === 'bad' ? { status: 400 } : { status: 200 }));
    const clock = new ManualClock();
    const alerting = Alerting.open({ file: join(tmp.dir, 'prune.alerts.db'), config: webhookConfig(rx.url), resolveSecret: hookSecret, clock });
    try {
      alerting.enqueue({ id: 'old', event: 'e1', severity: 'critical', session: 's', summary: 'old' });
      alerting.enqueue({ id: 'bad', event: 'e2', severity: 'critical', session: 's', summary: 'bad' });
      await alerting.sender.drain();
      clock.advance(8 * 86_400_000);
      alerting.enqueue({ id: 'new', event: 'e3', severity: 'critical', session: 's', summary: 'new' });
      expect(alerting.outbox.prune(clock.now() - 7 * 86_400_000)).toBe(1);
      expect(alerting.outbox.counts()).toMatchObject({ sent: 0, dead: 1, pending: 1 });
      await alerting.sender.drain();
      expect(rx.requests.map((r) => r.headers['x-rustybt-alert-id'])).toEqual(['old', 'bad', 'new']);
    } finally {
      await alerting.close();
      await rx.close();
    }
  });
});
