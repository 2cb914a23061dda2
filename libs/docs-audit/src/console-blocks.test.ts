import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractConsoleBlocks } from './console-blocks';

describe('extractConsoleBlocks', () => {
  it('splits a transcript into commands, expected output and exit codes', () => {
    const md = [
      '# Guide',
      '```console',
      '$ rustybt test-data --source sim \\',
      '>   --symbol SIM',
      'source    sim  SIM [..]',
      '...',
      '',
      '$ rustybt test-data --source yaho',
      "error: bad source 'yaho'[..]",
      '? 2',
      '',
      '```',
      '```sh',
      '$ not a console block',
      '```',
    ].join('\n');
    expect(extractConsoleBlocks('g.md', md)).toEqual([
      {
        file: 'g.md',
        line: 2,
        problems: [],
        commands: [
          { file: 'g.md', line: 3, command: 'rustybt test-data --source sim --symbol SIM', expected: ['source    sim  SIM [..]', '...'], expectedExitCode: 0 },
          { file: 'g.md', line: 8, command: 'rustybt test-data --source yaho', expected: ["error: bad source 'yaho'[..]"], expectedExitCode: 2 },
        ],
      },
    ]);
  });

  it('reads a fence indented in a list item, and a command without output', () => {
    const md = '1. Run:\n\n   ```console\n   $ touch x\n   $ ls\n   x\n   ```\n';
    const [block] = extractConsoleBlocks('l.md', md);
    expect(block?.commands.map((c) => [c.line, c.command, c.expected])).toEqual([
      [4, 'touch x', []],
      [5, 'ls', ['x']],
    ]);
  });

  it('reports output before the first command and a bad exit line', () => {
    const [block] = extractConsoleBlocks('b.md', '```console\nstray\n$ false\n? one\n```\n');
    expect(block?.problems).toEqual([
      { line: 2, problem: "output before the first '$ ' command" },
      { line: 4, problem: "'? one' is not an exit code: write '? <0-255>'" },
    ]);
    expect(extractConsoleBlocks('b.md', '```console\n$ x\n? 256\n```')[0]?.problems).toHaveLength(1);
  });

  it('a ? line that is not the last one is output', () => {
    const [block] = extractConsoleBlocks('q.md', '```console\n$ printf "? 1\\nok\\n"\n? 1\nok\n```');
    expect(block?.commands[0]).toMatchObject({ expected: ['? 1', 'ok'], expectedExitCode: 0 });
  });

  it('never throws on any input', () => {
    fc.assert(fc.property(fc.string(), (s) => Array.isArray(extractConsoleBlocks('f', `\`\`\`console\n${s}`))));
    fc.assert(fc.property(fc.string(), (s) => Array.isArray(extractConsoleBlocks('f', s))));
  });
});
