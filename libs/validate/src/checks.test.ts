import { describe, expect, it } from 'vitest';
import { makeCheck, measuredCheck, skipCheck } from './checks';
import { checkSchema } from './result-schema';

describe('check builders', () => {
  it('a measured check passes or fails on its threshold, and a PASS drops the remedy', () => {
    const ok = measuredCheck('performance.order-latency', {
      value: 12.5,
      threshold: 50,
      comparator: '<=',
      unit: 'ms',
      detail: 'p99 of 1,000 orders',
      remedy: 'profile the order path',
    });
    expect(ok).toMatchObject({ status: 'PASS', remedy: null, value: 12.5, threshold: 50, title: 'Order latency p99 is within the threshold' });
    const slow = measuredCheck('performance.order-latency', {
      value: 80,
      threshold: 50,
      comparator: '<=',
      unit: 'ms',
      detail: 'p99',
      remedy: 'profile the order path',
    });
    expect(slow).toMatchObject({ status: 'FAIL', remedy: 'profile the order path' });
    const advisory = measuredCheck('risk.limits-prudent', { value: 3, threshold: 2, comparator: '<=', detail: 'leverage 3x', missed: 'WARN' });
    expect(advisory.status).toBe('WARN');
    for (const c of [ok, slow, advisory]) expect(checkSchema.parse(c)).toEqual(c);
  });

  it('a skip carries the reason as its detail', () => {
    const c = skipCheck('security.audit-high', 'registry unreachable (ENOTFOUND)');
    expect(c).toMatchObject({ status: 'SKIP', detail: 'registry unreachable (ENOTFOUND)', value: null, threshold: null });
    expect(makeCheck('database.integrity', 'PASS', { detail: 'ok', subject: 's1' }).subject).toBe('s1');
  });
});
