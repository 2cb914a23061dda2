import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimProcess, type SimProcess } from './exchange-sim-process';
import { rustybt } from './run-cli';

const home = mkdtempSync(join(tmpdir(), 'rustybt-test-broker-'));
let sim: SimProcess;
let withdrawSim: SimProcess;
beforeAll(async () => {
  sim = await startSimProcess(['--seed', '4']);
  const accounts = join(home, 'accounts.json');
  writeFileSync(accounts, JSON.stringify([{ apiKey: 'sim-key', secret: 'sim-secret', canWithdraw: true }]));
  withdrawSim = await startSimProcess(['--accounts-file', accounts]);
});
afterAll(async () => {
  await sim?.stop();
  await withdrawSim?.stop();
  rmSync(home, { recursive: true, force: true });
});

const creds = (id: string, secret = 'sim-secret') => ({
  RUSTYBT_HOME: home,
  [`${id.toUpperCase()}_API_KEY`]: 'sim-key',
  [`${id.toUpperCase()}_API_SECRET`]: secret,
});
const lineOf = (out: string, name: string) => out.split('\n').find((l) => l.slice(6).startsWith(name)) ?? '';

describe.each(['binance', 'bybit'] as const)('rustybt test-broker --broker %s against the emulator', (id) => {
  it('passes every check, printing PASS/WARN/FAIL and latency per check, exit 0', () => {
    const r = rustybt(['test-broker', '--broker', id, '--api-url', sim.url], creds(id));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    for (const name of ['connectivity', 'clock skew', 'authentication', 'trading permission', 'withdrawal permission', 'market'])
      expect(lineOf(r.stdout, name)).toMatch(/^PASS/);
    expect(lineOf(r.stdout, 'connectivity')).toMatch(/\d+\.\d ms/);
    // Binance validates through its test-order endpoint; Bybit has none, so nothing is placed without the flag.
    expect(lineOf(r.stdout, 'validation order')).toMatch(id === 'binance' ? /^PASS.*validated, not placed/ : /^SKIP.*--place-test-order/);
    expect(r.stdout).toMatch(/result: PASS/);
  });

  it('--place-test-order places a far-from-market order and cancels it', async () => {
    const before = (await sim.state()).orders.length;
    const r = rustybt(['test-broker', '--broker', id, '--api-url', sim.url, '--place-test-order', '--json'], creds(id));
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as { result: string; checks: { name: string; status: string; latencyMs: number | null; detail: string }[] };
    expect(report.checks.find((c) => c.name === 'validation order')).toMatchObject({
      status: 'PASS',
      detail: expect.stringMatching(/placed and cancelled buy/),
    });
    const orders = (await sim.state()).orders.slice(before);
    expect(orders.map((o) => o.status)).toEqual(['CANCELED']);
  });

  it('fails authentication with a wrong secret (exit 1) and never prints the secret', () => {
    const r = rustybt(['test-broker', '--broker', id, '--api-url', sim.url], creds(id, 'wrong-secret-canary'));
    expect(r.code).toBe(1);
    expect(lineOf(r.stdout, 'authentication')).toMatch(/^FAIL.*AuthenticationError/);
    expect(lineOf(r.stdout, 'trading permission')).toMatch(/^SKIP/);
    expect(r.stdout + r.stderr).not.toContain('wrong-secret-canary');
    expect(r.stdout + r.stderr).not.toContain('sim-key');
  });

  it('fails the market check for a symbol the venue does not list, exit 1', () => {
    const r = rustybt(['test-broker', '--broker', id, '--api-url', sim.url, '--symbol', 'DOGE/EUR'], creds(id));
    expect(r.code).toBe(1);
    expect(lineOf(r.stdout, 'market')).toMatch(/^FAIL.*no spot market DOGE\/EUR/);
  });

  it('warns about clock skew above 1 s but still authenticates (nonces follow venue time)', async () => {
    await sim.control('POST', '/__sim/clock', { offsetMs: 30_000 });
    try {
      const r = rustybt(['test-broker', '--broker', id, '--api-url', sim.url], creds(id));
      expect(r.code).toBe(0);
      expect(lineOf(r.stdout, 'clock skew')).toMatch(/^WARN .*venue clock 30\d\d\d ms ahead of ours/);
      expect(lineOf(r.stdout, 'authentication')).toMatch(/^PASS/);
      expect(r.stdout).toMatch(/result: WARN/);
    } finally {
      await sim.control('POST', '/__sim/clock', { offsetMs: 0 });
    }
  });

  it('warns when the key can withdraw', () => {
    const r = rustybt(['test-broker', '--broker', id, '--api-url', withdrawSim.url], creds(id));
    expect(r.code).toBe(0);
    expect(lineOf(r.stdout, 'withdrawal permission')).toMatch(/^WARN .*withdrawals are ENABLED/);
  });

  it('rides out a transient rate limit, and reports a lasting ban as a connectivity FAIL', async () => {
    const account = id === 'binance' ? '/api/v3/account' : '/v5/account/wallet-balance';
    const markets = id === 'binance' ? '/api/v3/exchangeInfo' : '/v5/market/instruments-info';
    await sim.control('POST', '/__sim/faults', { kind: 'rate_limit', path: account });
    const ok = rustybt(['test-broker', '--broker', id, '--api-url', sim.url, '--json'], creds(id));
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout).warnings).toEqual([]);
    await sim.control('POST', '/__sim/faults', { kind: 'ip_ban', path: markets, times: 5 });
    try {
      const banned = rustybt(['test-broker', '--broker', id, '--api-url', sim.url], creds(id));
      expect(banned.code).toBe(1);
      expect(lineOf(banned.stdout, 'connectivity')).toMatch(/^FAIL.*gave up after 2 attempts.*DDoSProtection/);
      expect(lineOf(banned.stdout, 'authentication')).toMatch(/^SKIP/);
    } finally {
      await sim.control('DELETE', '/__sim/faults');
    }
  });

  it('a venue that sends the headers and part of the body, then stalls: --timeout bounds the body too, exit 1 and one FAIL line', async () => {
    const markets = id === 'binance' ? '/api/v3/exchangeInfo' : '/v5/market/instruments-info';
    // The stall (120 s) is far beyond any bound: before the fix the command sat out undici's 300 s body timeout.
    await sim.control('POST', '/__sim/faults', { kind: 'slow_body', path: markets, times: 5, delayMs: 120_000 });
    try {
      const start = Date.now();
      const r = rustybt(['test-broker', '--broker', id, '--api-url', sim.url, '--timeout', '1000'], creds(id));
      const elapsed = Date.now() - start;
      expect(r.code).toBe(1);
      expect(lineOf(r.stdout, 'connectivity')).toMatch(/^FAIL.*gave up after 2 attempts.*\(RequestTimeout\)$/);
      expect(r.stdout.split('\n').filter((l) => l.startsWith('FAIL'))).toHaveLength(1);
      expect(r.stderr).toBe('');
      // 2 attempts x the deadline + backoff + starting node, with room for a loaded machine; a hang is 120 s.
      expect(elapsed).toBeLessThan(40_000);
    } finally {
      await sim.control('DELETE', '/__sim/faults');
    }
  });

  it('--testnet with --api-url: the sandbox endpoint set, re-pointed at the given host', () => {
    const r = rustybt(['test-broker', '--broker', id, '--testnet', '--api-url', sim.url], creds(id));
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe(`test-broker ${id} (testnet, api-url ${sim.url})`);
    expect(lineOf(r.stdout, 'authentication')).toMatch(/^PASS/);
  });

  it('writes the report to --output', () => {
    const out = join(home, `${id}-report.txt`);
    const r = rustybt(['test-broker', '--broker', id, '--api-url', sim.url, '--output', out], creds(id));
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(readFileSync(out, 'utf8')).toMatch(/^test-broker .*\nPASS {2}connectivity/);
  });

  it('refuses to run without credentials: exit 2 naming the variables', () => {
    const r = rustybt(['test-broker', '--broker', id, '--api-url', sim.url], {
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

describe('rustybt test-broker: other paths', () => {
  it('paper: initialises the paper broker, simulates a buy and a sell, shows cash and positions', () => {
    const r = rustybt(['test-broker', '--broker', 'paper'], { RUSTYBT_HOME: home });
    expect(r.code).toBe(0);
    expect(lineOf(r.stdout, 'simulated buy')).toMatch(/^PASS .*buy 1 BTC\/USDT filled @ 101/);
    expect(lineOf(r.stdout, 'simulated sell')).toMatch(/^PASS .*sell 1 BTC\/USDT filled @ 102/);
    expect(lineOf(r.stdout, 'positions and cash')).toMatch(/^PASS .*cash 10001 .*no positions/);
  });

  it('a venue that does not answer is a connectivity FAIL, exit 1', () => {
    const r = rustybt(['test-broker', '--broker', 'binance', '--api-url', 'http://127.0.0.1:9', '--timeout', '500'], creds('binance'));
    expect(r.code).toBe(1);
    expect(lineOf(r.stdout, 'connectivity')).toMatch(/^FAIL.*NetworkError/);
  });

  it.each([
    [['--broker', 'nosuchvenue'], /error: unknown exchange "nosuchvenue"\. Use a ccxt exchange id/],
    [['--broker', 'binance', '--api-url', 'ftp://x'], /error: bad --api-url 'ftp:\/\/x'\./],
    [['--broker', 'binance', '--timeout', 'soon'], /error: bad --timeout 'soon'\./],
    [['--broker', 'binance', '--symbol', 'BTC USDT'], /error: bad --symbol 'BTC USDT'\./],
    [['--broker', 'paper', '--api-url', 'http://127.0.0.1:1'], /error: --api-url, --testnet and --place-test-order apply to venues/],
    [[], /error: required option '--broker <name>' not specified/],
  ])('usage error %j: one line, exit 2', (args, message) => {
    // No credentials for an unknown venue: the id is checked before credentials are asked for.
    const r = rustybt(['test-broker', ...args], creds('binance'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});
