import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDiff, lineMatches, matchOutput, normaliseOutput } from './output-match';

/** Lines as a terminal prints them: no newline inside a line. */
const line = fc.string({ maxLength: 12 }).map((s) => s.replace(/[\r\n]/g, ''));
const lines = fc.array(line, { maxLength: 12 });
const solid = fc.array(
  line.map((l) => `${l}.`),
  { maxLength: 12 },
);
/** Lines from a small alphabet, so that expected and actual often nearly agree. */
const smallLine = fc.string({ unit: fc.constantFrom('a', 'b', ' ', '.', '[', ']'), maxLength: 6 });

describe('lineMatches', () => {
  it('matches literals exactly, ignoring trailing whitespace', () => {
    expect(lineMatches('PASS  schema', 'PASS  schema   ')).toBe(true);
    expect(lineMatches('PASS schema', 'PASS  schema')).toBe(false);
    expect(lineMatches('  indented', 'indented')).toBe(false);
  });

  it('[..] stands for any text within the line, empty included', () => {
    expect(lineMatches('fetched [..] bar(s) in [..] s', 'fetched 31 bar(s) in 0.01 s')).toBe(true);
    expect(lineMatches('[..]', '')).toBe(true);
    expect(lineMatches('a[..]b', 'ab')).toBe(true);
    expect(lineMatches('a[..]b', 'ba')).toBe(false);
    expect(lineMatches('ab[..]ba', 'aba')).toBe(false); // prefix and suffix may not overlap
    expect(lineMatches('[..]x[..]x[..]', 'x')).toBe(false);
  });

  it('a line with [..] replacing any part of it still matches it', () => {
    fc.assert(
      // Trailing whitespace is not part of a line, so the cut is taken from the line without it.
      fc.property(
        line.map((l) => l.trimEnd()),
        fc.nat(),
        fc.nat(),
        (text, a, b) => {
          const [from, to] = [Math.min(a, b) % (text.length + 1), Math.max(a, b) % (text.length + 1)];
          const lo = Math.min(from, to);
          const hi = Math.max(from, to);
          return lineMatches(`${text.slice(0, lo)}[..]${text.slice(hi)}`, text);
        },
      ),
    );
  });
});

describe('matchOutput', () => {
  it('... matches any number of lines, none included', () => {
    expect(matchOutput(['a', '...', 'z'], ['a', 'b', 'c', 'z']).ok).toBe(true);
    expect(matchOutput(['a', '...', 'z'], ['a', 'z']).ok).toBe(true);
    expect(matchOutput(['...'], []).ok).toBe(true);
    expect(matchOutput(['a', '...'], ['b']).ok).toBe(false);
    expect(matchOutput(['...', 'z', '...'], ['x', 'z', 'y']).ok).toBe(true);
  });

  it('ignores trailing blank lines and trailing whitespace', () => {
    expect(matchOutput('a\nb\n\n', 'a  \nb').ok).toBe(true);
    expect(matchOutput('a\n\nb', 'a\nb').ok).toBe(false);
  });

  it('shows a line-marked diff with the fewest changes', () => {
    const m = matchOutput(['first', 'second [..]', '...', 'last'], ['first', 'other', 'x', 'y', 'last!']);
    expect(m.ok).toBe(false);
    expect(formatDiff(m.diff)).toBe(['  first', '- second [..]', '~ other', '~ x', '~ y', '~ last!', '- last'].join('\n'));
    const long = matchOutput(
      ['...', 'end'],
      Array.from({ length: 20 }, (_, k) => `l${k}`),
    );
    expect(formatDiff(long.diff, '  ').split('\n')).toEqual(['  ~ l0', '  ~ l1', '  ~ l2', '  ~ (14 more lines)', '  ~ l17', '  ~ l18', '  ~ l19', '  - end']);
  });

  it('never throws, and any output matches itself', () => {
    fc.assert(fc.property(lines, (ls) => matchOutput(ls, ls).ok));
    fc.assert(fc.property(fc.string(), fc.string(), (e, a) => typeof matchOutput(e, a).ok === 'boolean'));
  });

  it('an expected ... line anywhere keeps a match a match', () => {
    fc.assert(
      // Non-blank lines: a trailing blank line is dropped from the output, not from before a `...`.
      fc.property(solid, solid, solid, (before, skipped, after) => matchOutput([...before, '...', ...after], [...before, ...skipped, ...after]).ok),
    );
  });

  it('the diff is an alignment: its actual side is the output, its expected side the expectation', () => {
    fc.assert(
      fc.property(fc.array(smallLine, { maxLength: 8 }), fc.array(smallLine, { maxLength: 8 }), (expected, actual) => {
        const m = matchOutput(expected, actual);
        const actualSide = m.diff.flatMap((d) => (d.kind === 'same' || d.kind === 'extra' ? [d.actual] : d.kind === 'skipped' ? d.actual : []));
        const expectedSide = m.diff.flatMap((d) => (d.kind === 'same' || d.kind === 'missing' ? [d.expected] : d.kind === 'skipped' ? ['...'] : []));
        const changed = m.diff.some((d) => d.kind === 'missing' || d.kind === 'extra');
        const e = normaliseOutput(expected);
        return (
          JSON.stringify(actualSide) === JSON.stringify(normaliseOutput(actual)) &&
          // Consecutive `...` lines fold into one skipped run.
          JSON.stringify(expectedSide) === JSON.stringify(e.filter((l, i) => !(l === '...' && e[i - 1] === '...'))) &&
          changed === !m.ok
        );
      }),
      { numRuns: 500 },
    );
  });
});
