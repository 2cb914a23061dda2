import { seededRandom } from '@rustybt/core';
import { describe, expect, it } from 'vitest';
import { alertsConfigSchema } from '../config/schema';
import { MAX_RETRY_AFTER_MS, retryDelayMs } from './backoff';
import { digestAlert, eventWords } from './digest';
import { Router } from './router';
import { TokenBucket } from './token-bucket';

describe('token bucket', () => {
  it('gives burst tokens, then one per 60/perMinute s', () => {
    const b = new TokenBucket(2, 6, 0);
    expect([b.take(0), b.take(0), b.take(0)]).toEqual([true, true, false]);
    expect(b.readyAt(0)).toBe(10_000);
    expect(b.take(9_999)).toBe(false);
    expect(b.take(10_000)).toBe(true);
    expect(b.take(1_000_000) && b.take(1_000_000) && !b.take(1_000_000)).toBe(true);
  });
});

describe('retry delays', () => {
  const policy = { maxAttempts: 8, initialDelay: 1000, maxDelay: 30_000 };
  it('double up to the cap with +-20% jitter, and honour what the far end asks (capped at 1 h)', () => {
    const r = seededRandom(3);
    const d = [1, 2, 3, 4, 5, 6, 7].map((n) => retryDelayMs(policy, n, r));
    [1000, 2000, 4000, 8000, 16_000, 30_000, 30_000].forEach((base, i) => {
      expect(d[i]).toBeGreaterThanOrEqual(base * 0.8);
      expect(d[i]).toBeLessThanOrEqual(base * 1.2);
    });
    expect(retryDelayMs(policy, 1, r, 2000)).toBe(2000);
    expect(retryDelayMs(policy, 1, r, 10 * 86_400_000)).toBe(MAX_RETRY_AFTER_MS);
  });
});

describe('routing', () => {
  const config = alertsConfigSchema.parse({
    channels: [
      { type: 'webhook', name: 'hook', url: 'http://x', secretEnv: 'S' },
      { type: 'telegram', name: 'tg', tokenEnv: 'T', chatId: '1' },
    ],
    rules: {
      routes: [{ events: ['risk_halt'], channels: ['tg'], digest: { window: '1m', after: 0 } }, { minSeverity: 'warning' }],
      severity: { order_rejected: 'info' },
    },
  });
  const router = new Router(config);
  it('sends an alert to the channels of every route it matches, grouped by its first route', () => {
    expect(router.targets({ event: 'risk_halt', severity: 'critical' })).toEqual([
      { channel: 'tg', grp: '0:risk_halt' },
      { channel: 'hook', grp: '1:risk_halt' },
    ]);
    expect(router.targets({ event: 'error', severity: 'warning' })).toEqual([
      { channel: 'hook', grp: '1:error' },
      { channel: 'tg', grp: '1:error' },
    ]);
    expect(router.targets({ event: 'error', severity: 'info' })).toEqual([]);
    expect(router.digestOf('0:risk_halt')).toEqual({ windowMs: 60_000, after: 0 });
    expect(router.digestOf('1:error')).toEqual({ windowMs: 300_000, after: 3 });
    expect(router.severityOf('order_rejected', 'warning')).toBe('info');
    expect(router.severityOf('error', 'critical')).toBe('critical');
  });
});

describe('digest', () => {
  it('counts reasons, most frequent first, and is the same message for the same members', () => {
    const members = ['insufficient balance', 'max_leverage', 'insufficient balance'].map((reason, i) => ({
      id: `a${i}`,
      event: 'order_rejected',
      severity: i === 1 ? ('critical' as const) : ('warning' as const),
      session: 's',
      summary: `order ${i} rejected`,
      details: { reason },
      at: i,
    }));
    const d = digestAlert(members, 300_000);
    expect(d.summary).toBe('3 orders rejected in 5 min: insufficient balance x2, max_leverage x1');
    expect(d.severity).toBe('critical');
    expect(d.id).toBe(digestAlert(members, 300_000).id);
    expect(d.id).not.toBe(digestAlert(members.slice(1), 300_000).id);
    expect(eventWords('broker_disconnected')).toBe('brokers disconnected');
    expect(eventWords('risk_halt')).toBe('risk halt alerts');
  });
});
