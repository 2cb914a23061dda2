import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimProcess, type SimProcess } from './exchange-sim-process';
import { rustybt } from './run-cli';

const home = mkdtempSync(join(tmpdir(), 'rustybt-balance-'));
let sim: SimProcess;
beforeAll(async () => {
  sim = await startSimProcess(['--seed', '9']);
});
afterAll(async () => {
  await sim?.stop();
  rmSync(home, { recursive: true, force: true });
});

const creds = (id: string, secret = 'sim-secret') => ({
  RUSTYBT_HOME: home,
  [`${id.toUpperCase()}_API_KEY`]: 'sim-key',
  [`${id.toUpperCase()}_API_SECRET`]: secret,
});

interface Report {
  broker: string;
  quote: string;
  balances: { asset: string; free: string; used: string; total: string }[];
  positions: { asset: string; quantity: string; price: string | null; value: string | null }[];
  equity: string;
}

describe.each(['binance', 'bybit'] as const)('rustybt balance --broker %s against the emulator', (id) => {
  it('prints free / used / total per asset and positions valued in the quote asset', () => {
    const r = rustybt(['balance', '--broker', id, '--api-url', sim.url], creds(id));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^balance /);
    expect(r.stdout).toMatch(/\nUSDT +100000 +0 +100000\n/);
    expect(r.stdout).toMatch(/\nBTC +1 @ +[\d.]+ = +[\d.]+\n/);
    expect(r.stdout).toMatch(/equity +[\d.]+ USDT/);
  });

  it('--json gives the same figures as data, consistent with each other', () => {
    const r = rustybt(['balance', '--broker', id, '--api-url', sim.url, '--json'], creds(id));
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.balances.map((b) => b.asset)).toEqual(['BTC', 'ETH', 'SOL', 'USDT']);
    for (const b of report.balances) expect(Number(b.free) + Number(b.used)).toBeCloseTo(Number(b.total), 8);
    const valued = report.positions.reduce((s, p) => s + Number(p.value), 0);
    expect(Number(report.equity)).toBeCloseTo(100000 + valued, 6);
    for (const p of report.positions) expect(Number(p.value)).toBeCloseTo(Number(p.quantity) * Number(p.price), 6);
  });

  it('warns on stderr when the venue clock is off, and still reads the account', async () => {
    await sim.control('POST', '/__sim/clock', { offsetMs: -20_000 });
    try {
      const r = rustybt(['balance', '--broker', id, '--api-url', sim.url, '--json'], creds(id));
      expect(r.code).toBe(0);
      expect(r.stderr).toMatch(/^warning: \w+ clock differs from ours by -\d+ ms/);
      expect((JSON.parse(r.stdout) as Report).balances.length).toBe(4);
    } finally {
      await sim.control('POST', '/__sim/clock', { offsetMs: 0 });
    }
  });

  it('writes --output and keeps stdout empty', () => {
    const out = join(home, `${id}.json`);
    const r = rustybt(['balance', '--broker', id, '--api-url', sim.url, '--json', '--output', out], creds(id));
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect((JSON.parse(readFileSync(out, 'utf8')) as Report).broker).toBe(id);
  });

  it('a rejected key is a failed check: exit 1, one line, secret not shown', () => {
    const r = rustybt(['balance', '--broker', id, '--api-url', sim.url], creds(id, 'canary-wrong-secret'));
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toMatch(new RegExp(`^error: could not read the ${id} account: .*\\(AuthenticationError\\)\\. Check credentials`));
    expect(r.stdout + r.stderr).not.toContain('canary-wrong-secret');
  });

  it('missing credentials: exit 2 naming the variables', () => {
    const r = rustybt(['balance', '--broker', id, '--api-url', sim.url], {
      RUSTYBT_HOME: home,
      [`${id.toUpperCase()}_API_KEY`]: '',
      [`${id.toUpperCase()}_API_SECRET`]: '',
    });
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(
      `error: no credentials for ${id}. Set ${id.toUpperCase()}_API_KEY and ${id.toUpperCase()}_API_SECRET, or store them with 'rustybt encrypt-credentials --broker ${id}'`,
    );
  });
});

describe('rustybt balance: usage errors', () => {
  it.each([
    [['--broker', 'paper'], /error: balance reads a venue account.*rustybt status/],
    [['--broker', 'binance', '--quote', 'us dollars'], /error: bad --quote 'us dollars'\./],
    [['--broker', 'binance', '--api-url', 'not a url'], /error: bad --api-url 'not a url'\./],
  ])('%j: one line, exit 2', (args, message) => {
    const r = rustybt(['balance', ...args], creds('binance'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});
