import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readAuditOutput } from './npm-audit';

describe('readAuditOutput', () => {
  it('reads the counts of a report', () => {
    const report = JSON.stringify({
      auditReportVersion: 2,
      vulnerabilities: {},
      metadata: { vulnerabilities: { info: 0, low: 1, moderate: 2, high: 3, critical: 1, total: 7 } },
    });
    expect(readAuditOutput(report, '', false)).toEqual({ kind: 'counts', critical: 1, high: 3, total: 7 });
  });

  it('says the endpoint was refused for the registry answer seen on this machine', () => {
    const refused = JSON.stringify({
      message: '405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk',
      statusCode: 405,
      body: '',
      error: { summary: '', detail: '' },
    });
    expect(readAuditOutput(refused, 'npm warn audit 405 Method Not Allowed', false)).toEqual({
      kind: 'unavailable',
      reason: 'the registry refused the audit endpoint (HTTP 405)',
    });
  });

  it('says why for an offline machine, a timeout and garbage', () => {
    expect(readAuditOutput(JSON.stringify({ error: { code: 'ENOTFOUND', summary: 'request to https://registry.npmjs.org failed' } }), '', false)).toMatchObject(
      { kind: 'unavailable', reason: expect.stringContaining('ENOTFOUND') },
    );
    expect(readAuditOutput('', '', true).kind).toBe('unavailable');
    expect(readAuditOutput('<html>', 'npm error audit endpoint returned an error', false)).toEqual({
      kind: 'unavailable',
      reason: 'npm audit gave no report (audit endpoint returned an error)',
    });
  });

  it('never throws and never claims counts it did not read', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json()), fc.string(), fc.boolean(), (out, err, timedOut) => {
        const r = readAuditOutput(out, err, timedOut);
        if (r.kind === 'counts') expect(Number.isFinite(r.critical) && Number.isFinite(r.high)).toBe(true);
      }),
      { numRuns: 1000, seed: 9 },
    );
  });
});
