import { describe, expect, it } from 'vitest';
import { sampleResult } from '../../test/sample-result';
import { renderMarkdown } from './markdown';

describe('renderMarkdown', () => {
  const result = sampleResult();
  const text = renderMarkdown(result, { sections: [{ heading: 'Docs audit', body: 'rustybt docs-audit: 12 files, 0 problems.' }] });

  it('has the executive summary, a section per validator, the incidents, the conclusion and the attestation', () => {
    const headings = text.split('\n').filter((l) => l.startsWith('#'));
    expect(headings).toEqual([
      '# RustyBT validation report',
      '## Executive summary',
      '## Strategy (`strategy`): PASS',
      '## Order execution (`execution`): PASS',
      '### Paper submit-to-fill latency',
      '## Security (`security`): FAIL',
      '## Paper-trading validation (`paper-trading`): WARN',
      '### Uptime (sma-main)',
      '### Incidents',
      '## Docs audit',
      '## Conclusion',
      '## Attestation',
    ]);
    expect(text).toContain('| Verdict | **Not ready** |');
    expect(text).toContain('| Checks | 8: 5 PASS, 1 WARN, 1 FAIL, 1 SKIP |');
    expect(text).toContain('**Not ready.** 1 check failed.');
    expect(text).toContain('| Config SHA-256 | not part of this run |');
    expect(text).toContain(
      '| `execution.paper-fill-latency` Paper submit-to-fill latency p99 is within the threshold | PASS | 41 ms | ≤ 50 ms | p99 of 400 paper orders |',
    );
    expect(text).toMatch(/\| 2025-01-12T10:00:00.000Z \| 2025-01-12T11:00:00.000Z \| 3,600 \| crash \| error ECONNRESET &lt;script&gt;/);
  });

  it('keeps every table row one line with its cell count, and no raw HTML', () => {
    for (const line of text.split('\n').filter((l) => l.startsWith('|'))) {
      expect(line.endsWith('|')).toBe(true);
    }
    expect(text).not.toMatch(/<script|<img/);
    expect(text).toContain('\\*bold\\*');
  });
});
