import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { rustybt } from './run-cli';

const home = mkdtempSync(join(tmpdir(), 'rustybt-backtest-costs-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));
const env = { RUSTYBT_HOME: home };
const write = (name: string, text: string) => {
  const path = join(home, name);
  writeFileSync(path, text);
  return path;
};

// Three daily bars; the strategy buys 10 on the first bar, so the one order fills at bar 2's open.
const csv = write(
  'ACME.csv',
  [
    'time,open,high,low,close,volume',
    '2024-01-01T00:00:00Z,100,101,99,100,1000000',
    '2024-01-02T00:00:00Z,102,103,101,102.5,1000000',
    '2024-01-03T00:00:00Z,103,104,102,104,1000000',
    '',
  ].join('\n'),
);
const buyOnce = write(
  'buy-once.ts',
  `import { defineStrategy } from '@rustybt/engine';\nexport default defineStrategy({ onBar(ctx, bar) { if (ctx.position(bar.symbol).isFlat && ctx.openOrders().length === 0) ctx.order(bar.symbol, 10); } });\n`,
);
const base = ['backtest', '--strategy', buyOnce, '--data', `csv:${csv}`, '--capital', '10000'];

// Hand-computed: 10 bps slippage moves the buy to 102 x 1.001 = 102.102; 0.1% commission is
// 10 x 102.102 x 0.001 = 1.02102; cash 10000 - 1021.02 - 1.02102 = 8977.95898; marked at the last
// close 104: equity 8977.95898 + 1040 = 10017.95898, a return of 0.001795898.
const FILL = { side: 'buy', quantity: '10', price: '102.102', commission: '1.02102', time: '2024-01-02T00:00:00.000Z', liquidity: 'taker' };

interface Doc {
  stats: { finalEquity: string; fees: string; totalReturn: string };
  run: { broker: { slippage: unknown; commission: unknown } };
  fills: Record<string, string>[];
  equity: { time: string; equity: string }[];
}

const oneLineError = (r: { code: number; stderr: string; stdout: string }, pattern: RegExp) => {
  expect(r.code, r.stderr).toBe(2);
  expect(r.stdout).toBe('');
  const lines = r.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^error: /);
  expect(lines[0]).toMatch(pattern);
};

describe('rustybt backtest costs', () => {
  it('charges 10 bps slippage and a 0.1% commission, to the digit, and says so', () => {
    const out = join(home, 'costs.json');
    const r = rustybt([...base, '--slippage', 'fixed-bps:10', '--commission', 'percent:0.001', '--output', out], env);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^costs +slippage fixed-bps:10, commission percent:0\.001, latency none, volume limit 0\.1, shorts off$/m);
    expect(r.stdout).toMatch(/^total return +\+0\.18% \(equity 10000\.00 -> 10017\.96, fees 1\.02\)$/m);
    const doc = JSON.parse(readFileSync(out, 'utf8')) as Doc;
    expect(doc.fills).toHaveLength(1);
    expect(doc.fills[0]).toMatchObject(FILL);
    expect(doc.stats).toMatchObject({ finalEquity: '10017.95898', fees: '1.02102', totalReturn: '0.001795898' });
    expect(doc.equity.at(-1)).toEqual({ time: '2024-01-03T00:00:00.000Z', equity: '10017.95898' });
    expect(doc.run.broker).toMatchObject({ slippage: { model: 'fixed-bps', bps: 10 }, commission: { model: 'percent', rate: 0.001 } });
  });

  it('takes the models from config.yaml, with the flags winning', () => {
    const config = write('config.yaml', 'paper:\n  slippage: { model: fixed-bps, bps: 10 }\n  commission: { model: percent, rate: 0.001 }\n');
    const fromFile = rustybt(['--json', '--config', config, ...base], env);
    expect(fromFile.code).toBe(0);
    const summary = JSON.parse(fromFile.stdout) as { finalEquity: string; fees: string; broker: Record<string, unknown> };
    expect(summary).toMatchObject({ finalEquity: '10017.95898', fees: '1.02102' });
    expect(summary.broker).toMatchObject({
      fillAt: 'next-open',
      slippage: { model: 'fixed-bps', bps: 10 },
      commission: { model: 'percent', rate: 0.001 },
      volumeLimit: 0.1,
      allowShort: false,
    });
    // The flag replaces the file's commission model: no fee, the same slipped price.
    const flagWins = rustybt(['--json', '--config', config, ...base, '--commission', 'none'], env);
    expect(JSON.parse(flagWins.stdout)).toMatchObject({ finalEquity: '10018.98', fees: '0' });
    const bad = write('bad.yaml', 'paper:\n  commission: { model: percent, rate: -1 }\n');
    oneLineError(rustybt(['--config', bad, ...base], env), /bad\.yaml:2: .*paper\.commission/);
  });

  it('shows the config.yaml paper section in the JSON Schema', () => {
    const r = rustybt(['config', 'schema'], env);
    expect(r.code).toBe(0);
    const schema = JSON.parse(r.stdout) as { properties: { paper: { properties: Record<string, unknown> } } };
    expect(Object.keys(schema.properties.paper.properties)).toEqual(
      expect.arrayContaining(['fillAt', 'slippage', 'commission', 'latency', 'volumeLimit', 'allowShort']),
    );
  });

  it('refuses a malformed model string or a negative rate with one line naming the flag, exit 2', () => {
    oneLineError(rustybt([...base, '--slippage', 'fixed-bps:-10'], env), /^error: --slippage "fixed-bps:-10": bps -10 is negative\. Give a rate of 0 or more$/);
    oneLineError(rustybt([...base, '--commission', 'percent'], env), /^error: --commission "percent" has 0 values after the model name/);
    oneLineError(rustybt([...base, '--latency', 'uniform:50:10'], env), /^error: --latency "uniform:50:10": the maximum 10 is below the minimum 50/);
    oneLineError(rustybt([...base, '--volume-limit', '2'], env), /^error: --volume-limit "2" is not in \(0, 1\]/);
    oneLineError(rustybt([...base, '--commission', 'flat:1'], env), /unknown model "flat"/);
  });

  it('refuses a short sale unless --allow-short', () => {
    const shortOnce = write(
      'short-once.ts',
      `export default { onBar(ctx: any, bar: any) { if (ctx.position(bar.symbol).isFlat && ctx.openOrders().length === 0) ctx.order(bar.symbol, -10); } };\n`,
    );
    const args = ['--json', 'backtest', '--strategy', shortOnce, '--data', `csv:${csv}`, '--capital', '10000'];
    const refused = rustybt(args, env);
    expect(refused.stderr).toBe('');
    expect(JSON.parse(refused.stdout)).toMatchObject({ fills: 0 });
    // Sold 10 at 102, bought back nothing: marked at 104, 10000 + 1020 - 1040 = 9980.
    expect(JSON.parse(rustybt([...args, '--allow-short'], env).stdout)).toMatchObject({ fills: 1, finalEquity: '9980' });
  });
});

describe('rustybt backtest interval of a CSV', () => {
  const dir = join(home, 'minutes');
  mkdirSync(dir, { recursive: true });
  const rows = Array.from(
    { length: 120 },
    (_, i) => `${new Date(Date.UTC(2024, 0, 2) + i * 60_000).toISOString()},${100 + (i % 7)},${101 + (i % 7)},${99 + (i % 7)},${100 + ((i * 3) % 7)},1000`,
  );
  const minutes = join(dir, 'MIN.csv');
  writeFileSync(minutes, `time,open,high,low,close,volume\n${rows.join('\n')}\n`);
  const sma = ['backtest', '--strategy', buyOnce, '--data', `csv:${minutes}`];

  it('reads the interval from the timestamps and annualises from the bar spacing', () => {
    const r = rustybt(['--json', ...sma], env);
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout) as { interval: string; bars: number; totalReturn: string; cagr: number };
    expect(s.interval).toBe('1m');
    // 120 one-minute bars span 120 minutes of a 365.25-day year.
    const years = (120 * 60_000) / (365.25 * 86_400_000);
    expect(s.cagr).toBeCloseTo((1 + Number(s.totalReturn)) ** (1 / years) - 1, 6);
    expect(rustybt([...sma, '--interval', '1m'], env).code).toBe(0);
  });

  it('refuses an --interval the data contradicts, in one line', () => {
    oneLineError(
      rustybt([...sma, '--interval', '1d'], env),
      /^error: --interval 1d contradicts the data: .*MIN\.csv has bars 1m apart\. Drop --interval or give --interval 1m$/,
    );
  });
});

describe('rustybt paper-trade with the same cost models', () => {
  const args = [
    'paper-trade',
    '--strategy',
    buyOnce,
    '--data',
    `replay:csv:${csv}`,
    '--symbol',
    'ACME',
    '--speed',
    'max',
    '--capital',
    '10000',
    '--session',
    'costs',
  ];

  it('fills the replayed bars with the hand-computed price and fee, and a resume must keep the model', () => {
    const r = rustybt(['--json', ...args, '--slippage', 'fixed-bps:10', '--commission', 'percent:0.1%'], env);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({
      fillsThisRun: 1,
      equity: '10017.95898',
      cash: '8977.95898',
      positions: [{ symbol: 'ACME', quantity: '10', averagePrice: '102.102' }],
    });
    const other = rustybt([...args, '--slippage', 'fixed-bps:10'], env);
    expect(other.code).toBe(2);
    expect(other.stderr.trim()).toMatch(
      /^error: session 'costs' was started differently \(the paper broker was .*commission percent:0\.001.*, now .*commission none.*\)\. Resume it with the same flags, or pick a new --session$/,
    );
  });

  it('refuses a bad model string, and a cost model at a venue, in one line', () => {
    oneLineError(rustybt([...args, '--session', 'bad', '--latency', 'fixed:-5'], env), /^error: --latency "fixed:-5": delay -5 is negative/);
    oneLineError(
      rustybt(['paper-trade', '--strategy', buyOnce, '--broker', 'binance', '--data', 'ccxt:binance', '--testnet', '--slippage', 'fixed-bps:1'], env),
      /--slippage sets the paper broker's model; at binance the venue fills and charges/,
    );
  });
});
