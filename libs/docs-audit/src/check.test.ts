import { describe, expect, it } from 'vitest';
import { checkInvocation } from './check';
import { extractInvocations } from './extract';
import { spec } from './test-spec';

const problems = (line: string) =>
  extractInvocations('d.md', `\`${line}\``)
    .flatMap((inv) => checkInvocation(inv, spec))
    .map((f) => f.problem);

describe('checkInvocation', () => {
  it('accepts real commands, global options, choices, placeholders and synopsis brackets', () => {
    expect(problems('rustybt --json backtest --strategy x.ts --fill-at close --param a=1 b=2')).toEqual([]);
    expect(problems('rustybt backtest --strategy <file> [--fill-at next-open|close] [--param key=value ...]')).toEqual([]);
    expect(problems('rustybt benchmark compare base.json head.json')).toEqual([]);
    expect(problems('rustybt <command> --help')).toEqual([]);
    expect(problems('rustybt backtest --no-cache --log-level=info')).toEqual([]);
  });

  it('reports unknown commands, unknown options, bad choices and extra arguments', () => {
    expect(problems('rustybt frobnicate')).toEqual(["unknown command 'frobnicate' for 'rustybt'"]);
    expect(problems('rustybt backtest --speed 3')).toEqual(["unknown option '--speed' for 'rustybt backtest'"]);
    expect(problems('rustybt benchmark --suite uptime')).toEqual(["option '--suite' does not accept 'uptime' (choices: backtest, startup)"]);
    expect(problems('rustybt backtest --fill-at next-open|vwap')).toEqual(["option '--fill-at' does not accept 'vwap' (choices: next-open, close)"]);
    expect(problems('rustybt benchmark compare a b c')).toEqual(["unexpected argument 'c' for 'rustybt benchmark compare'"]);
    // Upper case reads as a placeholder, but a choice spelled in the wrong case fails when run.
    expect(problems('rustybt --log-level INFO backtest')).toEqual(["option '--log-level' does not accept 'INFO' (choices: error, info)"]);
    expect(problems('rustybt --log-level LEVEL backtest')).toEqual([]);
  });
});
