import { describe, expect, it } from 'vitest';
import { formatReport, overall, skipped, timed, type CheckResult } from './checks';

const check = (status: CheckResult['status']): CheckResult => ({ name: status.toLowerCase(), status, latencyMs: 1.25, detail: 'd' });

describe('test-broker checks', () => {
  it('any FAIL fails the run; else any WARN warns; SKIP changes nothing', () => {
    expect(overall([check('PASS'), check('SKIP')])).toBe('PASS');
    expect(overall([check('PASS'), check('WARN'), check('SKIP')])).toBe('WARN');
    expect(overall([check('WARN'), check('FAIL')])).toBe('FAIL');
  });

  it('a thrown error is that check FAIL with its type; an input error (exit 2) goes through', async () => {
    const failed = await timed('auth', () => Promise.reject(Object.assign(new Error('key rejected'), { errorType: 'AuthenticationError' })));
    expect(failed).toMatchObject({ name: 'auth', status: 'FAIL', detail: 'key rejected (AuthenticationError)' });
    expect(failed.latencyMs).toBeGreaterThanOrEqual(0);
    await expect(timed('x', () => Promise.reject(Object.assign(new Error('unknown exchange'), { exitCode: 2 })))).rejects.toThrow('unknown exchange');
  });

  it('prints one aligned line per check and a summary', () => {
    const text = formatReport({
      broker: 'binance',
      target: 'live endpoints',
      checks: [check('PASS'), skipped('validation order', 'no endpoint')],
      result: 'PASS',
    });
    expect(text.split('\n')).toEqual([
      'test-broker binance (live endpoints)',
      'PASS  pass                  1.3 ms  d',
      'SKIP  validation order              no endpoint',
      'result: PASS (1 passed, 0 warnings, 0 failed, 1 skipped)',
      '',
    ]);
  });
});
