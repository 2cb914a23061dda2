import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { align, checkErrorLines, docPattern, ErrorLineIndex, extractErrorLines, overlapScore, sourcePattern } from './error-lines';
import { WILDCARD } from './source-literals';

const W = WILDCARD;

describe('extractErrorLines', () => {
  it('finds error lines in any fenced block and in inline code, not in prose or other case', () => {
    const md = [
      'When it says `error: wrong encryption key. Check RUSTYBT_ENCRYPTION_KEY`, or error: in prose,',
      '```console',
      '$ rustybt test-data --source yaho',
      "error: bad source 'yaho'[..]",
      '? 2',
      '```',
      '```text',
      '  error: indented output',
      'Error: someone else',
      'npm error code E405',
      '```',
    ].join('\n');
    expect(extractErrorLines('g.md', md)).toEqual([
      { file: 'g.md', line: 1, text: 'error: wrong encryption key. Check RUSTYBT_ENCRYPTION_KEY' },
      { file: 'g.md', line: 4, text: "error: bad source 'yaho'[..]" },
      { file: 'g.md', line: 8, text: 'error: indented output' },
    ]);
  });
});

describe('patterns', () => {
  it('a doc line leaves [..], ..., <placeholders> and quoted values open', () => {
    expect(docPattern("error: bad source 'yaho': unknown kind 'yaho'. Use [..]")).toBe(`bad source ${W}: unknown kind ${W}. Use ${W}`);
    expect(docPattern('error: <file>: no such file or folder. Check the path')).toBe(`${W}: no such file or folder. Check the path`);
    expect(docPattern("error: can't open ... for writing")).toBe(`can't open ${W} for writing`);
  });

  it('a source literal loses the printer prefix and its line breaks', () => {
    expect(sourcePattern(`error: ${W}\n   Run again`)).toBe(`${W} Run again`);
  });
});

describe('overlapScore', () => {
  it('counts the characters that are the literal text of both, -1 when no string matches both', () => {
    expect(overlapScore('abc', 'abc')).toBe(3);
    expect(overlapScore('abc', 'abd')).toBe(-1);
    expect(overlapScore('/tmp/x.md: no such file', `${W}: no such file`)).toBe(': no such file'.length);
    expect(overlapScore(`bad ${W} here`, `bad source '${W}' here`)).toBe('bad  here'.length);
    expect(overlapScore(`${W}x`, 'y')).toBe(-1);
    expect(overlapScore(W, W)).toBe(0);
  });

  const text = fc.string({ unit: fc.constantFrom('a', 'b', ' ', '.'), maxLength: 10 });
  it('any text matches itself fully, and stays matched when part of either side becomes a wildcard', () => {
    fc.assert(
      fc.property(text, fc.nat(), fc.nat(), fc.boolean(), (t, a, b, docSide) => {
        expect(overlapScore(t, t)).toBe(t.length);
        const from = Math.min(a, b) % (t.length + 1);
        const to = Math.max(from, Math.max(a, b) % (t.length + 1));
        const cut = `${t.slice(0, from)}${W}${t.slice(to)}`;
        const score = docSide ? overlapScore(cut, t) : overlapScore(t, cut);
        expect(score).toBe(t.length - (to - from));
      }),
    );
  });

  it('never throws and is symmetric', () => {
    const pattern = fc.string({ unit: fc.constantFrom('a', 'b', W), maxLength: 8 });
    fc.assert(
      fc.property(pattern, pattern, (x, y) => {
        expect(overlapScore(x, y)).toBe(overlapScore(y, x));
      }),
    );
  });
});

describe('align', () => {
  it('says which doc text each wildcard of the source took', () => {
    expect(align(`bad ${W} x, y`, `bad ${W}, ${W}`)).toEqual({ score: 6, holes: [`${W} x`, 'y'] });
    expect(align('abc', 'abd')).toBeUndefined();
  });
});

const line = (text: string) => ({ file: 'd.md', line: 1, text });

describe('ErrorLineIndex', () => {
  const index = new ErrorLineIndex([
    `${W}: no such file or folder. Check the path`,
    `bad source '${W}': unknown kind '${W}'. Use ${W}`,
    'short',
    `${W}.${W} Run '${W}' for usage`,
  ]);

  it('keeps only literals with enough fixed text to identify a message', () => {
    expect(index.size).toBe(3);
  });

  it('finds lines the code prints, with the doc naming concrete values', () => {
    const lines = [
      'error: /home/op/docs/missing.md: no such file or folder. Check the path',
      "error: bad source 'yaho': unknown kind 'yaho'. Use sim, csv:<file>, yahoo",
      "error: unknown option '--verbose'. Run 'rustybt config show --help' for usage",
    ].map((text, i) => ({ file: 'd.md', line: i + 1, text }));
    expect(checkErrorLines(lines, index)).toEqual([]);
  });

  it('explains a message composed of literals: holes of one filled by others, and the format itself is no message', () => {
    const composed = new ErrorLineIndex([`bad source '${W}': ${W}. Use ${W}`, `unknown kind '${W}'`, 'csv:<file-or-dir>, sim, yahoo, ccxt:<exchange>']);
    const text = "error: bad source 'yaho': unknown kind 'yaho'. Use csv:<file-or-dir>, sim, yahoo, ccxt:<exchange>";
    expect(checkErrorLines([line(text)], composed)).toEqual([]);
    // The frame alone explains too little of it.
    expect(checkErrorLines([line(text)], new ErrorLineIndex([`bad source '${W}': ${W}. Use ${W}`]))).toHaveLength(1);
    expect(checkErrorLines([line('error: <what>. <what to do>')], composed)).toEqual([]);
  });

  it('reports lines the code does not print and lines too vague to look up', () => {
    const lines = [
      { file: 'd.md', line: 3, text: 'error: connection refused by the venue. Check the API URL' },
      { file: 'd.md', line: 9, text: 'error: [..] path' },
      // Half of what it shows must be the code's: a long invented sentence around a real fragment is not.
      { file: 'd.md', line: 12, text: 'error: the venue was unreachable for a long while, so here: no such file or folder. Check the path' },
    ];
    const findings = checkErrorLines(lines, index);
    expect(findings.map((f) => [f.line, f.problem.replace(/:.*/, '')])).toEqual([
      [3, 'quoted error line is not printed by the code'],
      [9, 'quoted error line shows only 5 characters of the message (at least 10 are needed to find it in the code); quote more of it'],
      [12, 'quoted error line is not printed by the code'],
    ]);
  });
});
