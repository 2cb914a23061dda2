import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimProcess, type SimProcess } from './exchange-sim-process';
import { rustybt } from './run-cli';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const home = mkdtempSync(join(tmpdir(), 'rustybt-live-e2e-'));
const creds = { RUSTYBT_HOME: home, BINANCE_API_KEY: 'sim-key', BINANCE_API_SECRET: 'sim-secret', BYBIT_API_KEY: 'sim-key', BYBIT_API_SECRET: 'sim-secret' };
const limits = ['--max-notional-per-order', '20000', '--max-daily-loss', '0.05'];
let sim: SimProcess;

beforeAll(async () => {
  sim = await startSimProcess(['--seed', '7', '--dialect', 'both']);
});
afterAll(async () => {
  await sim.stop();
  rmSync(home, { recursive: true, force: true });
});

const base = (venue = 'binance') => [
  'live-trade',
  '--strategy',
  'examples/buy-and-hold.ts',
  '--broker',
  venue,
  '--api-url',
  sim.url,
  '--symbol',
  'ETH/USDT',
  '--heartbeat',
  '500ms',
];
const oneLine = (stderr: string) => stderr.trim().split('\n');

describe('rustybt live-trade (exchange-sim through ccxt)', () => {
  it('refuses without --confirm, exit 2, one line', () => {
    const r = rustybt([...base(), ...limits], creds, ROOT);
    expect(r.code).toBe(2);
    expect(oneLine(r.stderr)).toEqual(['error: live-trade places real orders at binance. Add --confirm to start it']);
  });

  it('refuses without explicit risk limits, exit 2', () => {
    const r = rustybt([...base(), '--confirm'], creds, ROOT);
    expect(r.code).toBe(2);
    expect(oneLine(r.stderr)).toEqual([
      "error: live trading needs explicit risk limits; missing maxNotionalPerOrder, maxDailyLoss. Set them in the config file's risk section or with --max-notional-per-order and --max-daily-loss",
    ]);
    const half = rustybt([...base(), '--confirm', '--max-daily-loss', '0.02'], creds, ROOT);
    expect(half.code).toBe(2);
    expect(half.stderr).toMatch(/^error: live trading needs explicit risk limits; missing maxNotionalPerOrder\./);
  });

  it('refuses without credentials, exit 2', () => {
    const r = rustybt([...base(), '--confirm', ...limits], { RUSTYBT_HOME: home, BINANCE_API_KEY: '', BINANCE_API_SECRET: '' }, ROOT);
    expect(r.code).toBe(2);
    expect(oneLine(r.stderr)).toEqual([
      "error: no credentials for binance. Set BINANCE_API_KEY and BINANCE_API_SECRET, or store them with 'rustybt encrypt-credentials --broker binance'",
    ]);
  });

  it('refuses when the test-broker checks fail, exit 1, and places nothing', async () => {
    await sim.control('POST', '/__sim/faults', { kind: 'bad_key', path: '/api/v3/account', times: 10 });
    try {
      const r = rustybt([...base(), '--confirm', ...limits, '--session', 'refused'], creds, ROOT);
      expect(r.code).toBe(1);
      expect(oneLine(r.stderr)).toHaveLength(1);
      expect(r.stderr).toMatch(
        /^error: test-broker checks failed for binance \(authentication: .*AuthenticationError.*\)\. Fix them \(see rustybt test-broker --broker binance\) and start again$/m,
      );
      expect(r.stderr).not.toContain('sim-secret');
    } finally {
      await sim.control('DELETE', '/__sim/faults');
    }
    expect(existsSync(join(home, 'state', 'refused.db'))).toBe(false);
    expect((await sim.state()).orders).toHaveLength(0);
  });

  it.each(['binance', 'bybit'])(
    '%s: with --confirm, limits from the config file and passing checks, places and fills an order at the venue, mode live',
    async (venue) => {
      mkdirSync(join(home, 'config'), { recursive: true });
      writeFileSync(join(home, 'config', 'config.yaml'), 'risk:\n  maxNotionalPerOrder: 20000\n  maxDailyLoss: 0.05\n');
      try {
        const session = `golive-${venue}`;
        const logDir = join(home, `logs-${venue}`);
        const r = rustybt([...base(venue), '--confirm', '--session', session, '--duration', '4s', '--capital', '10000', '--log-dir', logDir], creds, ROOT);
        expect(r.stderr).toMatch(new RegExp(`^test-broker ${venue}: \\d+ checks passed`, 'm'));
        expect(r.code).toBe(0);
        // The effective limits, each with where it came from, before the session starts.
        expect(r.stderr).toMatch(/^risk limits:\n {2}maxPositionFraction +1 +default\n/m);
        expect(r.stderr).toMatch(/^ {2}maxNotionalPerOrder +20000 +file:.*config\.yaml:2$/m);
        expect(r.stderr).toMatch(/^ {2}maxDailyLoss +0\.05 +file:.*config\.yaml:3$/m);
        expect(r.stdout).toMatch(new RegExp(`^session ${session} stopped: duration_elapsed\n`));
        expect(r.stdout).toMatch(/orders +1 submitted, 1 fills/);
        const orders = (await sim.state()).orders.filter((o) => o.clientOrderId === `${session}-1`);
        expect(orders).toMatchObject([{ status: 'FILLED', symbol: 'ETHUSDT', side: 'BUY' }]);
        const log = readdirSync(logDir).find((f) => f.startsWith('paper-trade-'))!;
        const events = readFileSync(join(logDir, log), 'utf8')
          .trim()
          .split('\n')
          .map((l) => JSON.parse(l) as Record<string, unknown>);
        expect(events[0]).toMatchObject({ event: 'session_start', broker: venue, mode: 'live', resumed: false });
        expect(events.find((e) => e.event === 'order_filled')).toMatchObject({ client_order_id: `${session}-1`, symbol: 'ETH/USDT', side: 'buy' });
      } finally {
        rmSync(join(home, 'config'), { recursive: true, force: true });
      }
    },
  );
});
