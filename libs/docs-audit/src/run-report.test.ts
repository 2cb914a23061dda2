import { expect, it } from 'vitest';
import { extractConsoleBlocks } from './console-blocks';
import { formatRunReport, judgeCommand, runFailures, type RunReport } from './run-report';

const [block] = extractConsoleBlocks('d.md', '```console\n$ a\nok [..]\n$ b\n? 2\n$ c\nline\n```');
const [a, b, c] = block!.commands;
const run = (exitCode: number | null, output: string, timedOut = false) => ({ exitCode, output, timedOut, truncated: false });

it('a command passes when its output matches and its exit code is the documented one', () => {
  expect(judgeCommand(a!, run(0, 'ok 12 ms\n')).ok).toBe(true);
  expect(judgeCommand(a!, run(1, 'ok 12 ms\n')).ok).toBe(false);
  expect(judgeCommand(b!, run(2, '')).ok).toBe(true);
  expect(judgeCommand(c!, run(null, 'line\n', true)).ok).toBe(false);
});

it('reports each failure at its line with the reason and a marked diff', () => {
  const report: RunReport = {
    timeoutSeconds: 60,
    files: [
      { file: 'd.md', problems: [], commands: [judgeCommand(a!, run(0, 'ok\n')), judgeCommand(b!, run(0, 'fine\n')), judgeCommand(c!, run(null, '', true))] },
    ],
  };
  expect(runFailures(report)).toBe(3);
  expect(formatRunReport(report).split('\n')).toEqual([
    'd.md:2: $ a',
    '    output (- expected, + actual, ~ taken by ...):',
    '      - ok [..]',
    '      + ok',
    'd.md:4: $ b',
    '    exit code 0, expected 2',
    '    output (- expected, + actual, ~ taken by ...):',
    '      + fine',
    'd.md:6: $ c',
    '    timed out after 60 s (--timeout)',
    '    output until then (- expected, + actual, ~ taken by ...):',
    '      - line',
    'FAIL: 3 console commands in 1 files, 3 failed',
  ]);
});
