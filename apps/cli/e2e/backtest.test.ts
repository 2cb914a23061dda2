import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { rustybt } from './run-cli';

const home = mkdtempSync(join(tmpdir(), 'rustybt-backtest-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));
const env = { RUSTYBT_HOME: home };
const example = (name: string) => fileURLToPath(new URL(`../../../examples/${name}`, import.meta.url));
const write = (name: string, text: string) => {
  const path = join(home, name);
  writeFileSync(path, text);
  return path;
};

// Five daily bars with ample volume: buy-and-hold's fill is hand-computable.
const csv = write(
  'ACME.csv',
  [
    'time,open,high,low,close,volume',
    '2024-01-01T00:00:00Z,10,10.5,9.5,10,1000000',
    '2024-01-02T00:00:00Z,10.2,11,10,10.8,1000000',
    '2024-01-03T00:00:00Z,10.8,11.5,10.5,11.2,1000000',
    '2024-01-04T00:00:00Z,11.2,12,11,11.9,1000000',
    '2024-01-05T00:00:00Z,11.9,12.4,11.5,12.1,1000000',
  ].join('\n'),
);

interface Output {
  stats: { bars: number; barsPerSecond: number; totalReturn: string; sharpe: number; maxDrawdown: number; trades: number };
  trades: { symbol: string; side: string; entryTime: string; entryPrice: string; exitTime: string; exitPrice: string; quantity: string; pnl: string }[];
  fills: { time: string; price: string; quantity: string; commission: string; side: string }[];
  equity: { time: string; equity: string }[];
}

const oneLineError = (r: { code: number; stderr: string; stdout: string }, pattern: RegExp) => {
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  const lines = r.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^error: /);
  expect(lines[0]).toMatch(pattern);
};

describe('rustybt backtest', () => {
  it('runs buy-and-hold on a CSV with the hand-computed result and writes the JSON output', () => {
    const out = join(home, 'bh.json');
    const r = rustybt(
      ['backtest', '--strategy', example('buy-and-hold.ts'), '--data', `csv:${csv}`, '--capital', '1000', '--param', 'fraction=0.5', '--output', out],
      env,
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^period +2024-01-01T00:00:00\.000Z \.\. 2024-01-05T00:00:00\.000Z$/m);
    expect(r.stdout).toMatch(/^bars +5$/m);
    expect(r.stdout).toMatch(/^bars\/s +[\d,]+ \(/m);
    for (const label of ['trades', 'total return', 'CAGR', 'Sharpe', 'max drawdown', 'exposure']) expect(r.stdout).toMatch(new RegExp(`^${label} +\\S`, 'm'));
    const doc = JSON.parse(readFileSync(out, 'utf8')) as Output;
    // 50 shares (1000 x 0.5 / close 10) placed on day 1 fill at day 2's open 10.2; marked at 12.1 at the end.
    expect(doc.fills).toEqual([
      {
        fillId: 'backtest-1-f1',
        clientOrderId: 'backtest-1',
        orderId: 'paper-1',
        symbol: 'ACME',
        side: 'buy',
        quantity: '50',
        price: '10.2',
        commission: '0',
        time: '2024-01-02T00:00:00.000Z',
        liquidity: 'taker',
      },
    ]);
    expect(doc.stats).toMatchObject({ bars: 5, trades: 0, totalReturn: '0.095' }); // (1000 - 510 + 605) / 1000 - 1
    expect(doc.stats.barsPerSecond).toBeGreaterThan(0);
    expect(doc.equity.at(-1)).toEqual({ time: '2024-01-05T00:00:00.000Z', equity: '1095' });
    expect(doc.trades).toEqual([]);
  });

  it('fills at the close with --fill-at close and reports round trips', () => {
    const out = join(home, 'close.json');
    const strategy = write(
      'flip.ts',
      `import { defineStrategy } from '@rustybt/engine';
       export default defineStrategy({ onBar(ctx, bar) { if (bar.close === 10.8) ctx.order(bar.symbol, 10); if (bar.close === 11.9) ctx.order(bar.symbol, -10); } });`,
    );
    const r = rustybt(['backtest', '--strategy', strategy, '--data', `csv:${csv}`, '--fill-at', 'close', '--output', out], env);
    expect(r.code).toBe(0);
    const doc = JSON.parse(readFileSync(out, 'utf8')) as Output;
    expect(doc.trades).toEqual([
      {
        symbol: 'ACME',
        side: 'long',
        entryTime: '2024-01-02T00:00:00.000Z',
        entryPrice: '10.8',
        exitTime: '2024-01-04T00:00:00.000Z',
        exitPrice: '11.9',
        quantity: '10',
        pnl: '11',
      },
    ]);
  });

  it('runs the examples on sim data, repeatably for a seed', () => {
    const run = (seed: string, name: string) => {
      const out = join(home, `${name}-${seed}.json`);
      const r = rustybt(
        [
          'backtest',
          '--strategy',
          example(name),
          '--data',
          'sim',
          '--interval',
          '1h',
          '--from',
          '2020-01-01',
          '--to',
          '2020-03-31',
          '--seed',
          seed,
          '--output',
          out,
          '--json',
        ],
        env,
      );
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      const summary = JSON.parse(r.stdout) as { bars: number; symbols: string[]; period: { from: string; to: string } };
      expect(summary.bars).toBe(91 * 24);
      expect(summary.period).toEqual({ from: '2020-01-01T00:00:00.000Z', to: '2020-03-31T23:00:00.000Z' });
      const doc = JSON.parse(readFileSync(out, 'utf8')) as Output;
      return JSON.stringify({ ...doc, stats: { ...doc.stats, barsPerSecond: 0 } });
    };
    for (const name of ['sma-crossover.ts', 'mean-reversion.ts']) {
      const a = run('7', name);
      expect(run('7', name)).toBe(a);
      expect(JSON.parse(a).fills.length).toBeGreaterThan(0);
    }
    expect(run('8', 'sma-crossover.ts')).not.toBe(run('7', 'sma-crossover.ts'));
  });

  it('rejects a bad strategy file with exit 2 and one line', () => {
    oneLineError(
      rustybt(['backtest', '--strategy', join(home, 'missing.ts'), '--data', `csv:${csv}`], env),
      /strategy file .*missing\.ts not found\. Check the --strategy path$/,
    );
    const broken = write('broken.ts', 'export default { onBar( {');
    oneLineError(rustybt(['backtest', '--strategy', broken, '--data', `csv:${csv}`], env), /cannot load strategy .*broken\.ts: .*Fix the file and run again$/);
    const empty = write('empty.ts', 'export const x = 1;');
    oneLineError(rustybt(['backtest', '--strategy', empty, '--data', `csv:${csv}`], env), /does not export a strategy/);
  });

  it('rejects a bad --param with exit 2 and one line', () => {
    const sma = example('sma-crossover.ts');
    oneLineError(
      rustybt(['backtest', '--strategy', sma, '--data', `csv:${csv}`, '--param', 'fats=3'], env),
      /unknown parameter 'fats'\. This strategy takes: fast, slow, qty$/,
    );
    oneLineError(
      rustybt(['backtest', '--strategy', sma, '--data', `csv:${csv}`, '--param', 'fast=quick'], env),
      /parameter 'fast' must be a number, got 'quick'/,
    );
    oneLineError(rustybt(['backtest', '--strategy', sma, '--data', `csv:${csv}`, '--param', 'fast'], env), /expected key=value/);
    // Values the strategy itself refuses: reported from its onInit, still exit 2.
    oneLineError(
      rustybt(['backtest', '--strategy', sma, '--data', `csv:${csv}`, '--param', 'fast=30', '--param', 'slow=10'], env),
      /^error: strategy onInit failed.*fast=30 slow=10\. Fix the strategy or its --param values$/,
    );
  });

  it('rejects an unknown --data source and other bad flags with exit 2 and one line', () => {
    const sma = example('sma-crossover.ts');
    oneLineError(rustybt(['backtest', '--strategy', sma, '--data', 'ftp:prices'], env), /bad source 'ftp:prices': unknown kind 'ftp'/);
    oneLineError(rustybt(['backtest', '--strategy', sma, '--data', `csv:${join(home, 'none.csv')}`], env), /CSV file not found/);
    oneLineError(rustybt(['backtest', '--strategy', sma, '--data', 'sim', '--capital', '-5'], env), /--capital '-5' is not a positive amount/);
    oneLineError(rustybt(['backtest', '--strategy', sma, '--data', 'sim', '--from', '2024-02-30'], env), /--from '2024-02-30' is not a date/);
    oneLineError(rustybt(['backtest', '--strategy', sma, '--data', 'sim', '--fill-at', 'noon'], env), /argument 'noon' is invalid/);
    oneLineError(rustybt(['backtest', '--strategy', sma, '--data', 'yahoo'], env), /--symbol is needed with --data yahoo/);
  });

  it('shows a strategy error at run time as one line naming the hook and bar time', () => {
    const bad = write(
      'throws.ts',
      `export default { onBar(_ctx: unknown, bar: { close: number }) { if (bar.close > 11) throw new Error('no liquidity model'); } };`,
    );
    oneLineError(
      rustybt(['backtest', '--strategy', bad, '--data', `csv:${csv}`], env),
      /^error: strategy onBar failed at 2024-01-03T00:00:00\.000Z: no liquidity model\. Fix the strategy/,
    );
  });
});
