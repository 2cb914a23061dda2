import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { STATUSES, type Status } from './ids';
import { exitCodeOf, verdictOf, worstStatus } from './status';

const v = (...statuses: Status[]) => ({ status: worstStatus(statuses), checks: statuses.map((status) => ({ status })) });

describe('validator status', () => {
  it('is the worst of its checks: FAIL > WARN > PASS, SKIP only when nothing else', () => {
    expect(worstStatus(['PASS', 'WARN', 'PASS'])).toBe('WARN');
    expect(worstStatus(['WARN', 'FAIL', 'PASS'])).toBe('FAIL');
    expect(worstStatus(['SKIP', 'PASS'])).toBe('PASS');
    expect(worstStatus(['SKIP', 'SKIP'])).toBe('SKIP');
    expect(worstStatus([])).toBe('SKIP');
  });

  it('does not depend on the order of the checks', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...STATUSES)), (statuses) => {
        expect(worstStatus([...statuses].reverse())).toBe(worstStatus(statuses));
      }),
    );
  });
});

describe('verdict', () => {
  it('any FAIL is not ready, exit 1', () => {
    const verdict = verdictOf([v('PASS'), v('WARN', 'FAIL'), v('SKIP')]);
    expect(verdict).toBe('not-ready');
    expect(exitCodeOf(verdict)).toBe(1);
  });

  it('a WARN or a SKIP (of a validator or a single check) is ready with caveats, exit 0', () => {
    expect(verdictOf([v('PASS'), v('WARN')])).toBe('ready-with-caveats');
    expect(verdictOf([v('PASS'), v('SKIP')])).toBe('ready-with-caveats');
    expect(verdictOf([v('PASS', 'SKIP')])).toBe('ready-with-caveats');
    expect(exitCodeOf('ready-with-caveats')).toBe(0);
  });

  it('all PASS is ready, exit 0', () => {
    expect(verdictOf([v('PASS'), v('PASS', 'PASS')])).toBe('ready');
    expect(exitCodeOf('ready')).toBe(0);
  });
});
