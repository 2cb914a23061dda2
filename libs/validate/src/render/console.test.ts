import { describe, expect, it } from 'vitest';
import { sampleResult } from '../../test/sample-result';
import { renderConsole } from './console';

describe('renderConsole', () => {
  it('lists each validator, the checks that need a look with their remedy, and the verdict with its exit code', () => {
    const out = renderConsole(sampleResult());
    expect(out).toContain('  FAIL  security       Security: 2 checks (1 FAIL), 920 ms');
    expect(out).toContain('        FAIL security.store-mode  The credential store is owner-only (0600) (credentials.enc): ');
    expect(out).toContain('             -> chmod 600 ~/.rustybt/config/credentials.enc');
    expect(out).toContain('        SKIP execution.venue-auth  The venue accepts the credentials: no venue configured (paper only)');
    expect(out).not.toContain('strategy.loads');
    expect(out.trimEnd().split('\n').at(-1)).toBe('Verdict: Not ready (exit 1)');
    expect(out.includes('\u001b')).toBe(false);
    expect(renderConsole(sampleResult(), { color: true, verbose: true })).toContain('\u001b[31mFAIL');
  });

  it('cannot be made to print terminal escapes from a detail', () => {
    const r = sampleResult();
    r.validators[2]!.checks[0]!.detail = 'evil \u001b[2J\u001b]0;title\u0007 line\nbreak';
    const out = renderConsole(r);
    expect([...out].filter((ch) => ch !== '\n' && ch.charCodeAt(0) < 0x20)).toEqual([]);
    expect(out).toContain('evil ?[2J?]0;title? line break');
  });
});
