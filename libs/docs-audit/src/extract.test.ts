import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractInvocations, shellSplit } from './extract';

describe('extractInvocations', () => {
  it('finds commands in shell fences and inline code, not in prose or other languages', () => {
    const md = [
      'Run rustybt backtest in prose (not a command).',
      '```sh',
      '$ npx rustybt backtest --strategy "my file.ts" | tee out',
      'echo hi',
      '```',
      '```ts',
      "rustybt('not shell')",
      '```',
      'Then `rustybt benchmark --suite startup` and `npm test`.',
    ].join('\n');
    const found = extractInvocations('doc.md', md);
    expect(found.map((f) => [f.line, f.args])).toEqual([
      [3, ['backtest', '--strategy', 'my file.ts']],
      [9, ['benchmark', '--suite', 'startup']],
    ]);
  });

  it('keeps placeholders and skips leading env assignments', () => {
    const [inv] = extractInvocations('d.md', '`RUSTYBT_HOME=/tmp rustybt backtest --strategy <file> [--from D]`');
    expect(inv?.args).toEqual(['backtest', '--strategy', '<file>', '[--from', 'D]']);
  });
});

describe('extractInvocations: continuations and program prefixes', () => {
  // The upstream deployment guide's paper-trade example, as it was written.
  const upstream = [
    '```bash',
    '# Run paper trading for 30 days',
    'python -m rustybt paper-trade \\',
    '    --strategy momentum.py \\',
    '    --broker binance \\',
    '    --duration 30d \\',
    '    --log-level INFO',
    '',
    'python -m rustybt analyze-uptime \\',
    '    --log-dir ~/.rustybt/logs',
    '```',
  ].join('\n');

  it('joins a command continued with a trailing backslash into one, at its first line', () => {
    expect(extractInvocations('d.md', upstream, ['rustybt', 'python -m rustybt']).map((f) => [f.line, f.args])).toEqual([
      [3, ['paper-trade', '--strategy', 'momentum.py', '--broker', 'binance', '--duration', '30d', '--log-level', 'INFO']],
      [9, ['analyze-uptime', '--log-dir', '~/.rustybt/logs']],
    ]);
  });

  it('checks only the given programs', () => {
    expect(extractInvocations('d.md', upstream)).toEqual([]);
    expect(extractInvocations('d.md', '`python -m rustybt --help` and `rustybt --help`', 'python -m rustybt').map((f) => f.text)).toEqual([
      'python -m rustybt --help',
    ]);
  });

  it('in a console block, only $ lines (and their continuations) are commands', () => {
    const md = ['```console', '$ rustybt backtest \\', '>   --strategy a.ts', 'rustybt says hi', '```'].join('\n');
    expect(extractInvocations('c.md', md).map((f) => [f.line, f.args])).toEqual([[2, ['backtest', '--strategy', 'a.ts']]]);
  });

  it('a backslash escapes the next character; a doubled one at the end is no continuation', () => {
    expect(shellSplit('a my\\ file "q\\"x"')).toEqual(['a', 'my file', 'q"x']);
    const md = '```sh\nrustybt a \\\\\nrustybt b\n```';
    expect(extractInvocations('e.md', md).map((f) => f.line)).toEqual([2, 3]);
  });
});

describe('shellSplit', () => {
  it('stops at control operators and comments', () => {
    expect(shellSplit("a 'b c' && d")).toEqual(['a', 'b c']);
    expect(shellSplit('a b # note')).toEqual(['a', 'b']);
    expect(shellSplit('a x|y > f')).toEqual(['a', 'x|y']);
  });

  it('never throws on any input', () => {
    fc.assert(fc.property(fc.string(), (s) => Array.isArray(shellSplit(s))));
    fc.assert(fc.property(fc.string(), (s) => Array.isArray(extractInvocations('f', s))));
  });
});
