import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { rustybt } from './run-cli';

const home = mkdtempSync(join(tmpdir(), 'rustybt-backtest-sweep-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));
const env = { RUSTYBT_HOME: home };
const sma = fileURLToPath(new URL('../../../examples/sma-crossover.ts', import.meta.url));

// 3,000 one-minute bars of a seeded zigzag walk: enough crossings for every combination to trade.
let price = 100;
let state = 7;
const rows = Array.from({ length: 3000 }, (_, i) => {
  state = (state * 1103515245 + 12345) % 2 ** 31;
  const open = price;
  price = Math.max(1, Math.round((price + (state / 2 ** 31 - 0.5) * 0.8) * 100) / 100);
  return `${new Date(Date.UTC(2024, 0, 2) + i * 60_000).toISOString()},${open},${Math.max(open, price) + 0.05},${Math.min(open, price) - 0.05},${price},5000`;
});
const csv = join(home, 'ZZ.csv');
writeFileSync(csv, `time,open,high,low,close,volume\n${rows.join('\n')}\n`);
const base = ['backtest', '--strategy', sma, '--data', `csv:${csv}`, '--commission', 'percent:0.001', '--slippage', 'fixed-bps:2'];
const SWEEP = ['--sweep', 'fast=5,10,20', '--sweep', 'slow=30..90:20'];

interface Run {
  combination: number;
  params: string[];
  summary?: Record<string, unknown>;
  error?: string;
}
interface Doc {
  sweep: { combinations: number; shard: { index: number; count: number }; shards: number[]; sort: string };
  runs: Run[];
}

/** A run's figures without the measured speed, the only part that may differ between two runs. */
const figures = (s: Record<string, unknown> | undefined) => {
  const { elapsedMs: _e, barsPerSecond: _b, ...rest } = s ?? {};
  return JSON.stringify(rest);
};

const oneLineError = (r: { code: number; stderr: string; stdout: string }, pattern: RegExp) => {
  expect(r.code, r.stderr).toBe(2);
  expect(r.stdout).toBe('');
  const lines = r.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^error: /);
  expect(lines[0]).toMatch(pattern);
};

describe('rustybt backtest --sweep', () => {
  it('runs 12 combinations on two threads, each exactly what a single run with those params reports', () => {
    const out = join(home, 'sweep.json');
    const r = rustybt(['--json', ...base, ...SWEEP, '--jobs', '2', '--output', out], env);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as Doc;
    expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual(doc);
    expect(doc.sweep).toMatchObject({ combinations: 12, shard: { index: 1, count: 1 }, sort: 'sharpe' });
    expect(doc.runs).toHaveLength(12);
    const sharpes = doc.runs.map((x) => x.summary!.sharpe as number);
    expect([...sharpes].sort((a, b) => b - a)).toEqual(sharpes);
    for (const run of doc.runs) {
      const single = rustybt(['--json', ...base, ...run.params.flatMap((p) => ['--param', p])], env);
      expect(single.code, single.stderr).toBe(0);
      expect(figures(run.summary)).toBe(figures(JSON.parse(single.stdout) as Record<string, unknown>));
    }
  });

  it('splits a sweep into shards that merge into the whole', () => {
    const whole = JSON.parse(rustybt(['--json', ...base, ...SWEEP, '--sort', 'return'], env).stdout) as Doc;
    const parts = [1, 2, 3].map((i) => {
      const file = join(home, `shard-${i}.json`);
      const r = rustybt([...base, ...SWEEP, '--sort', 'return', '--shard', `${i}/3`, '--jobs', '1', '--output', file], env);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toMatch(new RegExp(`^sweep of sma-crossover .*: 4 of 12 combinations, shard ${i} of 3, ranked by return$`, 'm'));
      return file;
    });
    const merged = rustybt(['--json', 'backtest', 'merge', ...parts], env);
    expect(merged.code, merged.stderr).toBe(0);
    const doc = JSON.parse(merged.stdout) as Doc;
    expect(doc.sweep.shards).toEqual([1, 2, 3]);
    expect(doc.runs.map((x) => `${x.combination} ${figures(x.summary)}`)).toEqual(whole.runs.map((x) => `${x.combination} ${figures(x.summary)}`));
    const table = rustybt(['backtest', 'merge', parts[2]!, parts[0]!, parts[1]!, '--sort', 'drawdown'], env);
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toMatch(/^rank +params +return +CAGR +Sharpe +max DD +trades +fees +equity$/m);
    // The title, the cost models every combination traded under, the header and the 12 runs.
    expect(table.stdout).toMatch(/^costs slippage fixed-bps:2, commission percent:0\.001, latency none, volume limit 0\.1, shorts off$/m);
    expect(table.stdout.trim().split('\n')).toHaveLength(15);
    oneLineError(rustybt(['backtest', 'merge', parts[0]!, parts[1]!], env), /shard 3 of 3 is missing/);
    oneLineError(rustybt(['backtest', 'merge', parts[0]!, parts[0]!, parts[1]!], env), /shard 1\/3 is in both/);
    oneLineError(rustybt(['backtest', 'merge', csv], env), /is not JSON/);
    // Shard 3 again, without the commission: its figures cannot be ranked against the others'.
    const free = join(home, 'shard-3-free.json');
    const other = [...base.slice(0, base.indexOf('--commission')), ...base.slice(base.indexOf('--commission') + 2)];
    expect(rustybt([...other, ...SWEEP, '--sort', 'return', '--shard', '3/3', '--jobs', '1', '--output', free], env).code).toBe(0);
    oneLineError(
      rustybt(['backtest', 'merge', parts[0]!, parts[1]!, free], env),
      /shard-3-free\.json was run under other conditions than .*shard-1\.json \(cost models/,
    );
  });

  it('lists a combination the strategy refuses as failed and ranks the rest', () => {
    const r = rustybt(['--json', ...base, '--sweep', 'fast=10,40', '--sweep', 'slow=30'], env);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as Doc;
    expect(doc.runs.map((x) => x.params.join(' '))).toEqual(['fast=10 slow=30', 'fast=40 slow=30']);
    expect(doc.runs[1]!.error).toMatch(/sma-crossover needs whole numbers 1 <= fast < slow/);
  });

  it('refuses bad sweeps, shards and job counts in one line with exit 2', () => {
    oneLineError(rustybt([...base, '--sweep', 'slow=30..10'], env), /--sweep "slow=30\.\.10": the range ends \(10\) before it starts \(30\)/);
    oneLineError(rustybt([...base, '--sweep', 'slow='], env), /--sweep "slow=" gives no values/);
    oneLineError(rustybt([...base, '--sweep', 'fast=5', '--jobs', '0'], env), /--jobs "0" is not a number of threads from 1/);
    oneLineError(rustybt([...base, '--sweep', 'fast=5', '--shard', '4/3'], env), /--shard "4\/3" is not i\/n/);
    oneLineError(rustybt([...base, '--sweep', 'fast=5,10', '--shard', '3/3'], env), /--shard 3\/3 has no combinations: the sweep has 2/);
    oneLineError(rustybt([...base, '--sweep', 'fats=5'], env), /unknown parameter 'fats'/);
    oneLineError(rustybt([...base, '--jobs', '2'], env), /--jobs goes with --sweep/);
    oneLineError(rustybt([...base, '--sweep', 'fast=5', '--commission', 'percent:-0.1'], env), /--commission "percent:-0\.1": rate -0\.1 is negative/);
  });
});
