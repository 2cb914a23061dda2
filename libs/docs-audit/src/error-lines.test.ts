import { describe, expect, it } from 'vitest';
import { checkErrorLines, docPattern, ErrorLineIndex, extractErrorLines, sourcePattern } from './error-lines';
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

  it('explains a message composed of literals: a frame with its holes filled, literals in a row, and the format itself is no message', () => {
    const composed = new ErrorLineIndex([`bad source '${W}': ${W}. Use ${W}`, `unknown kind '${W}'`, 'csv:<file-or-dir>, sim, yahoo, ccxt:<exchange>']);
    const text = "error: bad source 'yaho': unknown kind 'yaho'. Use csv:<file-or-dir>, sim, yahoo, ccxt:<exchange>";
    expect(checkErrorLines([line(text)], composed)).toEqual([]);
    // The frame alone explains too little of it.
    expect(checkErrorLines([line(text)], new ErrorLineIndex([`bad source '${W}': ${W}. Use ${W}`]))).toHaveLength(1);
    expect(checkErrorLines([line('error: <what>. <what to do>')], composed)).toEqual([]);
    const inRow = new ErrorLineIndex(['wrong encryption key for the credentials store', `Set ${W} to the key the store was written with`]);
    expect(
      checkErrorLines([line('error: wrong encryption key for [..]/credentials.enc. Set RUSTYBT_ENCRYPTION_KEY to the key the store was written with')], inRow),
    ).toEqual([]);
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
