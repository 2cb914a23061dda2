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
