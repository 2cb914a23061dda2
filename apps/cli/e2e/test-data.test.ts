import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startYahooEmulator, type YahooEmulator } from '@rustybt/data-providers/testing';
import { startExchangeSim, type ExchangeSim } from '@rustybt/exchange-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, type CliResult } from './run-cli';

const home = mkdtempSync(join(tmpdir(), 'rustybt-test-data-'));
const env = { RUSTYBT_HOME: home };

// Asynchronous on purpose: the emulators run in this process and must answer while the CLI runs.
function rustybtAsync(args: string[], extraEnv: Record<string, string> = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env, ...extraEnv }, timeout: 60_000 },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

const day = (d: number) => Date.UTC(2024, 0, d, 14, 30) / 1000;
const tradingDays = [2, 3, 4, 5, 8, 9, 10, 11, 12, 16, 17, 18, 19, 22, 23, 24, 25, 26, 29, 30, 31];

let yahoo: YahooEmulator;
let venue: ExchangeSim;
beforeAll(async () => {
  yahoo = await startYahooEmulator({
    symbols: {
      SPY: { quotes: tradingDays.map((d, i) => ({ timestamp: day(d), open: 470 + i, high: 472 + i, low: 469 + i, close: 471 + i, volume: 1e6 + i })) },
      GAPPY: {
        quotes: tradingDays
          .filter((d) => d !== 10 && d !== 11)
          .map((d, i) => ({ timestamp: day(d), open: 10 + i, high: 11 + i, low: 9 + i, close: 10.5 + i, volume: 100 })),
      },
    },
    rateLimited: ['BUSY'],
  });
  venue = await startExchangeSim({ seed: 3 });
});
afterAll(async () => {
  await yahoo.close();
  await venue.close();
  rmSync(home, { recursive: true, force: true });
});

const jan = ['--start', '2024-01-01', '--end', '2024-02-01'];

describe('rustybt test-data', () => {
  it('passes the seeded sim market, prints a sample and the checks, writes --output', async () => {
    const out = join(home, 'report.json');
    const r = await rustybtAsync(['test-data', '--source', 'sim', '--symbol', 'SIM', ...jan, '--seed', '9', '--output', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^source {4}sim {2}SIM {2}1d {2}2024-01-01T00:00:00\.000Z -> 2024-02-01T00:00:00\.000Z$/m);
    expect(r.stdout).toMatch(/^fetched {3}31 bar\(s\) in \d+\.\d\d s/m);
    expect(r.stdout).toMatch(/^ {2}first 2024-01-01 +o=/m);
    for (const name of ['schema', 'order', 'gaps', 'ohlc', 'prices', 'zero-volume', 'outliers']) expect(r.stdout).toMatch(new RegExp(`^  PASS  ${name} `, 'm'));
    expect(r.stdout).toMatch(/^result {4}PASS \(7 checks\)$/m);
    const report = JSON.parse(readFileSync(out, 'utf8')) as { pass: boolean; bars: number; calendar: string };
    expect(report).toMatchObject({ pass: true, bars: 31, calendar: '24/7' });
  });

  it('fails a CSV with duplicates, broken OHLC and holes, exit 1, naming the rows', async () => {
    const csv = join(home, 'ACME.csv');
    writeFileSync(
      csv,
      'Date,Open,High,Low,Close,Adj Close,Volume\n2024-01-02,10,11,9,10.5,10.5,100\n2024-01-03,10,11,9,10.5,10.5,100\n2024-01-03,10,11,9,10.5,10.5,100\n2024-01-08,10,9,9.5,10.5,10.5,100\n',
    );
    const r = await rustybtAsync(['--json', 'test-data', '--source', `csv:${csv}`, ...jan]);
    expect(r.code, r.stderr).toBe(1);
    const report = JSON.parse(r.stdout) as {
      symbol: string;
      calendar: string;
      checks: { name: string; pass: boolean; count: number; first: { index: number; detail: string }[] }[];
    };
    expect(report.symbol).toBe('ACME');
    expect(report.calendar).toBe('NYSE');
    const byName = Object.fromEntries(report.checks.map((c) => [c.name, c]));
    expect(byName.order).toMatchObject({ pass: false, count: 1, first: [{ index: 2, detail: 'duplicate of row 1' }] });
    expect(byName.ohlc).toMatchObject({ pass: false, count: 1, first: [{ index: 3 }] });
    expect(byName.gaps).toMatchObject({ pass: false, count: 1 });
    expect(byName.gaps!.first[0]!.detail).toMatch(/^2 bar\(s\) missing after 2024-01-03/);
  });

  it('reads the whole of a CSV file by default (a 2019 file read as "the last year" was 0 bars and FAIL)', async () => {
    const csv = join(home, 'SPY.csv');
    const days = ['2019-01-02', '2019-01-03', '2019-01-04', '2019-01-07', '2019-01-08'];
    writeFileSync(
      csv,
      `Date,Open,High,Low,Close,Adj Close,Volume\n${days.map((d, i) => `${d},${250 + i},${252 + i},${249 + i},${251 + i},${251 + i},1000`).join('\n')}\n`,
    );
    for (const source of [`csv:${csv}`, `replay:csv:${csv}`]) {
      const r = await rustybtAsync(['--json', 'test-data', '--source', source, '--symbol', 'SPY']);
      expect(r.code, r.stderr).toBe(0);
      const report = JSON.parse(r.stdout) as { bars: number; pass: boolean; start: string; end: string };
      expect(report).toMatchObject({ bars: 5, pass: true, start: '2019-01-02T00:00:00.000Z', end: '2019-01-09T00:00:00.000Z' });
    }
    const later = await rustybtAsync(['--json', 'test-data', '--source', `csv:${csv}`, '--symbol', 'SPY', '--start', '2019-01-04']);
    expect(JSON.parse(later.stdout)).toMatchObject({ bars: 3, start: '2019-01-04T00:00:00.000Z' });
  });

  it('takes --source yfinance, the upstream name, as yahoo', async () => {
    const r = await rustybtAsync(['--json', 'test-data', '--source', 'yfinance', '--symbol', 'SPY', ...jan, '--no-cache'], { RUSTYBT_YAHOO_URL: yahoo.url });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ source: 'yahoo', bars: tradingDays.length });
  });

  it('reads Yahoo through RUSTYBT_YAHOO_URL, then serves the same range from the cache', async () => {
    const yenv = { RUSTYBT_YAHOO_URL: yahoo.url };
    const before = yahoo.requests.length;
    const first = await rustybtAsync(['test-data', '--source', 'yahoo', '--symbol', 'SPY', ...jan], yenv);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/fetched {3}21 bar\(s\)/);
    expect(first.stdout).toMatch(/calendar NYSE/);
    const second = await rustybtAsync(['test-data', '--source', 'yahoo', '--symbol', 'SPY', ...jan], yenv);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toMatch(/note {6}cache: served SPY 1d from /);
    expect(yahoo.requests.length - before).toBe(1);
    const fresh = await rustybtAsync(['test-data', '--source', 'yahoo', '--symbol', 'SPY', ...jan, '--no-cache'], yenv);
    expect(fresh.code, fresh.stderr).toBe(0);
    expect(yahoo.requests.length - before).toBe(2);
    const gappy = await rustybtAsync(['test-data', '--source', 'yahoo', '--symbol', 'GAPPY', ...jan], yenv);
    expect(gappy.code, gappy.stderr).toBe(1);
    expect(gappy.stdout).toMatch(/^ {2}FAIL {2}gaps +1 .*\(2 bar\(s\) missing in total\)$/m);
  });

  it('exits 1 with what to try when Yahoo rate limits or is unreachable, 2 for an unknown symbol', async () => {
    const busy = await rustybtAsync(['test-data', '--source', 'yahoo', '--symbol', 'BUSY', ...jan], { RUSTYBT_YAHOO_URL: yahoo.url });
    expect(busy.code, busy.stderr).toBe(1);
    expect(busy.stderr.trim()).toBe(
      'error: Yahoo is rate limiting requests (HTTP 429). Wait a few minutes and retry; ranges already fetched are served from the cache',
    );
    const server = createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as AddressInfo;
    await new Promise((r) => server.close(r));
    const down = await rustybtAsync(['test-data', '--source', 'yahoo', '--symbol', 'QQQ', ...jan], { RUSTYBT_YAHOO_URL: `http://127.0.0.1:${port}` });
    expect(down.code, down.stderr).toBe(1);
    expect(down.stderr).toMatch(/^error: cannot reach Yahoo at 127\.0\.0\.1:\d+ \(ECONNREFUSED\)\. Check the network, or set RUSTYBT_YAHOO_URL/);
    const unknown = await rustybtAsync(['test-data', '--source', 'yahoo', '--symbol', 'NOPE', ...jan], { RUSTYBT_YAHOO_URL: yahoo.url });
    expect(unknown.code, unknown.stderr).toBe(2);
    expect(unknown.stderr).toMatch(/^error: Yahoo has no data for symbol 'NOPE'/);
  });

  it('reads a ccxt venue through --api-url', async () => {
    const end = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000).toISOString();
    const r = await rustybtAsync(['test-data', '--source', 'ccxt:binance', '--api-url', venue.url, '--symbol', 'BTC/USDT', '--interval', '1h', '--end', end]);
    expect(r.stderr).toBe('');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/fetched {3}1000 bar\(s\)/);
    expect(r.stdout).toMatch(/calendar 24\/7/);
  });

  it('rejects bad arguments with one line and exit 2', async () => {
    const cases: [string[], RegExp][] = [
      [['test-data'], /^error: required option '--source <spec>' not specified/],
      [['test-data', '--source', 'nope'], /^error: bad source 'nope': unknown kind 'nope'\. Use csv:<file-or-dir>, sim, yahoo/],
      [['test-data', '--source', `csv:${join(home, 'missing.csv')}`], /^error: CSV file not found: .*missing\.csv\. Check the path/],
      [['test-data', '--source', 'sim', '--start', '2024-13-01'], /^error: --start '2024-13-01' is not a date\. Use YYYY-MM-DD/],
      [['test-data', '--source', 'sim', '--start', '2024-02-01', '--end', '2024-01-01'], /^error: --start .* is not before --end/],
      [['test-data', '--source', 'sim', '--interval', '2h'], /^error: option '--interval <interval>' argument '2h' is invalid/],
      [['test-data', '--source', 'yahoo', '--interval', '4h'], /^error: Yahoo has no 4h bars/],
      [['test-data', '--source', 'ccxt:binance', '--api-url', 'not a url'], /^error: --api-url 'not a url' is not an http\(s\) URL/],
    ];
    for (const [args, message] of cases) {
      const r = await rustybtAsync(args, { RUSTYBT_YAHOO_URL: yahoo.url });
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(r.stderr, args.join(' ')).toMatch(message);
    }
  });
});
