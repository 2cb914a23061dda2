import { describe, expect, it } from 'vitest';
import { sampleResult } from '../../test/sample-result';
import { CHECKLIST, CHECKLIST_AREAS } from './items';
import { fillChecklist, renderChecklistMarkdown } from './render';

describe('production checklist', () => {
  it('covers every area of issue 18, each with items', () => {
    expect(CHECKLIST_AREAS.map((a) => a.title)).toEqual([
      'Testing and quality',
      'Security',
      'Configuration',
      'Performance',
      'Monitoring and alerting',
      'Backup and recovery',
      'Validation',
      'Documentation',
      'Sign-off',
    ]);
    for (const area of CHECKLIST_AREAS) expect(CHECKLIST.filter((i) => i.area === area.id).length).toBeGreaterThan(2);
  });

  it('fills each machine item from a result: worst status over subjects, not run when absent, manual otherwise', () => {
    const r = sampleResult();
    const filled = fillChecklist(r);
    const of = (check: string) => filled.find((f) => f.item.check === check)!;
    expect(of('security.store-mode')).toMatchObject({ status: 'FAIL', detail: expect.stringMatching(/^credentials\.enc: /) });
    expect(of('security.audit-high').status).toBe('PASS');
    expect(of('execution.venue-auth').status).toBe('SKIP');
    expect(of('paper-trading.uptime').status).toBe('WARN');
    expect(of('database.integrity').status).toBe('NOT RUN');
    expect(filled.filter((f) => !f.item.check).every((f) => f.status === 'MANUAL')).toBe(true);

    r.validators.push({
      id: 'database',
      title: 'State databases',
      status: 'FAIL',
      durationMs: 1,
      checks: [
        { id: 'database.integrity', title: 't', status: 'PASS', value: null, threshold: null, detail: 'ok', remedy: null, subject: 'a' },
        { id: 'database.integrity', title: 't', status: 'FAIL', value: null, threshold: null, detail: 'page 4 corrupt', remedy: 'restore', subject: 'b' },
      ],
    });
    expect(fillChecklist(r).find((f) => f.item.check === 'database.integrity')).toMatchObject({ status: 'FAIL', detail: 'b: page 4 corrupt' });
  });

  it('the docs file and the filled checklist are the same lines but for the statuses', () => {
    const docs = renderChecklistMarkdown();
    const filled = renderChecklistMarkdown(sampleResult());
    const items = (text: string) =>
      text
        .split('\n')
        .filter((l) => l.startsWith('- ['))
        .map((l) => l.replace(/^- \[[ x]\] /, '').replace(/(Proven by `[^`]+`)[:.].*$/, '$1'));
    expect(items(filled)).toEqual(items(docs));
    expect(items(docs)).toHaveLength(CHECKLIST.length);
    expect(docs).not.toContain('[x]');
    expect(filled).toContain('- [x] No high dependency vulnerability. Proven by `security.audit-high`: PASS.');
    expect(filled).toContain('- [ ] Session databases pass integrity_check. Proven by `database.integrity`: not run.');
    expect(filled).toMatch(/From the standard run started 2025-01-31T08:00:00.000Z: 5 PASS, 1 WARN, 1 FAIL, 1 SKIP, 65 NOT RUN, 24 MANUAL\./);
    expect(filled).not.toContain('<script>');
  });
});
