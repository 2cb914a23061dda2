import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { CliError } from '../../errors';
import { mergeSweepDocs, readSweepDoc } from './run-merge';
import type { SweepDoc } from './sweep-doc';

const dir = mkdtempSync(join(tmpdir(), 'merge-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const summary = (fast: number, commission: string) => ({
  totalReturn: '0.01',
  finalEquity: '101000',
  fees: '1',
  cagr: 0.1,
  sharpe: fast / 10,
  maxDrawdown: 0.02,
  exposure: 0.5,
  trades: 3,
  params: { fast, slow: 30, qty: 1 },
  broker: { commission: { model: commission } },
  seed: 42,
  capital: '100000',
  fillAt: 'next-open',
});

const shard = (index: number, commission = 'none'): SweepDoc => ({
  sweep: {
    strategy: 'sma',
    data: 'csv:x.csv',
    symbols: ['X'],
    interval: '1m',
    axes: [{ key: 'fast', values: ['5', '10'] }],
    combinations: 2,
    shard: { index, count: 2 },
    shards: [index],
    sort: 'sharpe',
  },
  runs: [{ combination: index - 1, params: [`fast=${index * 5}`], summary: summary(index * 5, commission) }],
});

/** The CliError a call throws, or undefined; any other error fails the test. */
function cliError(fn: () => unknown): CliError | undefined {
  try {
    fn();
    return undefined;
  } catch (err) {
    if (!(err instanceof CliError)) throw err;
    return err;
  }
}

describe('backtest merge', () => {
  it('joins the shards of one sweep, best first', () => {
    const merged = mergeSweepDocs([
      { file: 'b.json', doc: shard(2) },
      { file: 'a.json', doc: shard(1) },
    ]);
    expect(merged.sweep.shards).toEqual([1, 2]);
    expect(merged.runs.map((r) => r.params)).toEqual([['fast=10'], ['fast=5']]);
  });

  it('refuses a shard run under other cost models, and ignores the conditions of a shard whose runs all failed', () => {
    expect(
      cliError(() =>
        mergeSweepDocs([
          { file: 'a.json', doc: shard(1) },
          { file: 'b.json', doc: shard(2, 'percent') },
        ]),
      )?.message,
    ).toMatch(/^b\.json was run under other conditions than a\.json \(cost models/);
    const failed = shard(2, 'percent');
    failed.runs = [{ combination: 1, params: ['fast=10'], error: 'sma-crossover needs fast < slow' }];
    expect(
      mergeSweepDocs([
        { file: 'a.json', doc: shard(1) },
        { file: 'b.json', doc: failed },
      ]).runs,
    ).toHaveLength(2);
  });

  it('reads any file as a sweep result or refuses it in one CliError line (fuzzed)', () => {
    const file = join(dir, 'shard.json');
    const valid = JSON.stringify(shard(1));
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.jsonValue().map((v) => JSON.stringify(v)),
          // A valid shard with one value replaced, anywhere in it.
          fc.tuple(fc.nat(), fc.jsonValue()).map(([at, v]) => {
            const keys = [...valid.matchAll(/"(\w+)":/g)].map((m) => m[1]!);
            const key = keys[at % keys.length]!;
            return valid.replace(new RegExp(`"${key}":("[^"]*"|[^,{}\\[\\]]+|\\[[^\\]]*\\])`), `"${key}":${JSON.stringify(v) ?? 'null'}`);
          }),
        ),
        (text) => {
          writeFileSync(file, text);
          let doc: SweepDoc | undefined;
          const refused = cliError(() => (doc = readSweepDoc(file)));
          if (refused) {
            expect(refused.message.split('\n')).toHaveLength(1);
            expect(refused.message).toMatch(/^\S+shard\.json (is not JSON|is not a sweep result)/);
            return;
          }
          // Whatever it read merges with itself or is refused in one line, never a crash.
          const again = cliError(() => mergeSweepDocs([{ file, doc: doc! }]));
          if (again) expect(again.message.split('\n')).toHaveLength(1);
        },
      ),
      { numRuns: 300 },
    );
  });
});
