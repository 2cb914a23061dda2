import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimProcess, type SimProcess } from './exchange-sim-process';
import { BIN, rustybt, type CliResult } from './run-cli';

// Canaries: the venue account's key and secret; neither may appear in any output of any command.
const API_KEY = 'canary-key-7f3a9c2e41';
const API_SECRET = 'canary-secret-d81b5e0c93f4';
const root = mkdtempSync(join(tmpdir(), 'rustybt-secrets-e2e-'));
const home = join(root, 'home');
const work = join(root, 'work');
mkdirSync(work, { recursive: true });
const outputs: string[] = [];
let sim: SimProcess;
let key = '';

beforeAll(async () => {
  sim = await startSimProcess(['--api-key', API_KEY, '--api-secret', API_SECRET]);
});
afterAll(async () => {
  await sim?.stop();
  const all = outputs.join('\n');
  rmSync(root, { recursive: true, force: true });
  expect(all).not.toContain(API_SECRET);
  expect(all).not.toContain(API_KEY);
});

/** The CLI with no venue credentials in the environment, ever: only the store has them. */
function cli(args: string[], extra: Record<string, string> = {}, input?: string): CliResult {
  const env = { RUSTYBT_HOME: home, BINANCE_API_KEY: '', BINANCE_API_SECRET: '', RUSTYBT_ENCRYPTION_KEY: key, ...extra };
  const r = input === undefined ? rustybt(args, env, work) : rustybtWithInput(args, env, input);
  outputs.push(r.stdout, r.stderr);
  return r;
}
function rustybtWithInput(args: string[], env: Record<string, string>, input: string): CliResult {
  // spawnSync's input: what a pipe gives encrypt-credentials.
  const r = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', ...env },
    input,
    cwd: work,
    timeout: 60_000,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}
const mode = (p: string) => statSync(p).mode & 0o777;
const store = () => join(home, 'config', 'credentials.enc');
const oneLine = (s: string) => s.trim().split('\n');

describe('keygen and encrypt-credentials', () => {
  it('keygen prints exactly one line, the key; --output writes it 0600 and never overwrites', () => {
    const r = cli(['keygen']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^rbk1_[A-Za-z0-9_-]{43}\n$/);
    key = r.stdout.trim();
    const file = join(root, 'key.txt');
    expect(cli(['keygen', '--output', file]).stdout).toBe('');
    expect(mode(file)).toBe(0o600);
    const again = cli(['keygen', '--output', file]);
    expect(again.code).toBe(2);
    expect(oneLine(again.stderr)).toEqual([expect.stringMatching(/^error: .*key\.txt exists, and a key file is never overwritten\./)]);
  });

  it('stores credentials piped on stdin, 0600 in a 0700 folder, and lists them masked', () => {
    const r = cli(['encrypt-credentials', '--broker', 'binance'], {}, `${API_KEY}\n${API_SECRET}\n`);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`stored binance credentials, key cana…2e41, in ${store()}\n`);
    expect(mode(store())).toBe(0o600);
    expect(mode(join(home, 'config'))).toBe(0o700);
    expect(readFileSync(store()).includes(Buffer.from('canary'))).toBe(false);
    expect(cli(['encrypt-credentials', '--list']).stdout).toMatch(/^binance {2}key cana…2e41 {2}stored \d{4}-/);
    const one = cli(['encrypt-credentials', '--broker', 'bybit'], {}, 'only-one-line\n');
    expect(one.code).toBe(2);
    expect(oneLine(one.stderr)).toEqual([
      'error: expected 2 or 3 non-empty lines on stdin (API key, secret, optional passphrase), got 1. Pipe them one per line, or use --from-env',
    ]);
  });

  it('the real ccxt client at the emulator authenticates with the store alone', () => {
    const r = cli(['test-broker', '--broker', 'binance', '--api-url', sim.url]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/PASS {2}authentication/);
    const none = cli(['balance', '--broker', 'bybit', '--api-url', sim.url]);
    expect(none.code).toBe(2);
    expect(oneLine(none.stderr)).toEqual([
      "error: no credentials for bybit. Set BYBIT_API_KEY and BYBIT_API_SECRET, or store them with 'rustybt encrypt-credentials --broker bybit'",
    ]);
  });

  it('--verify keeps the stored credentials when the new ones fail authentication (exit 1)', () => {
    const r = cli(['encrypt-credentials', '--broker', 'binance', '--verify', '--api-url', sim.url], {}, `${API_KEY}\nwrong-secret-value\n`);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^FAIL {2}authentication/m);
    expect(r.stderr).toMatch(/error: the new binance credentials failed the authentication check; the stored ones are unchanged\./);
    expect(cli(['test-broker', '--broker', 'binance', '--api-url', sim.url]).code).toBe(0);
  });

  it('a wrong, truncated or missing key and a flipped byte are one line each, exit 2', () => {
    const other = cli(['keygen']).stdout.trim();
    const wrong = cli(['test-broker', '--broker', 'binance', '--api-url', sim.url], { RUSTYBT_ENCRYPTION_KEY: other });
    expect(wrong.code).toBe(2);
    expect(oneLine(wrong.stderr)).toEqual([`error: wrong encryption key for ${store()}. Set RUSTYBT_ENCRYPTION_KEY to the key the store was written with`]);
    const cut = cli(['encrypt-credentials', '--list'], { RUSTYBT_ENCRYPTION_KEY: key.slice(0, 30) });
    expect(cut.code).toBe(2);
    expect(oneLine(cut.stderr)).toEqual(["error: RUSTYBT_ENCRYPTION_KEY is truncated (30 of 48 characters). Copy the whole line 'rustybt keygen' printed"]);
    const unset = cli(['test-broker', '--broker', 'binance', '--api-url', sim.url], { RUSTYBT_ENCRYPTION_KEY: '' });
    expect(unset.code).toBe(2);
    expect(oneLine(unset.stderr)).toEqual([
      expect.stringMatching(/credentials\.enc exists but RUSTYBT_ENCRYPTION_KEY is not set\. Set RUSTYBT_ENCRYPTION_KEY/),
    ]);

    const good = readFileSync(store());
    const bad = Buffer.from(good);
    bad[60] = bad[60]! ^ 0x04;
    writeFileSync(store(), bad);
    const tampered = cli(['encrypt-credentials', '--list']);
    expect(tampered.code).toBe(2);
    expect(oneLine(tampered.stderr)).toEqual([
      expect.stringMatching(/^error: .*credentials\.enc was altered or damaged \(its authentication tag does not match\)\. Restore it from a backup/),
    ]);
    writeFileSync(store(), good, { mode: 0o600 });
  });

  it('keygen --rotate re-encrypts under a new key; a rotation that cannot deliver the key leaves the store as it was', () => {
    const blocked = cli(['keygen', '--rotate', '--output', join(store(), 'no', 'key.txt')]);
    expect(blocked.code).toBe(2);
    expect(cli(['encrypt-credentials', '--list']).code).toBe(0);
    const r = cli(['keygen', '--rotate']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^rbk1_[A-Za-z0-9_-]{43}\n$/);
    const old = key;
    key = r.stdout.trim();
    expect(cli(['encrypt-credentials', '--list'], { RUSTYBT_ENCRYPTION_KEY: old }).stderr).toMatch(/^error: wrong encryption key/);
    expect(cli(['test-broker', '--broker', 'binance', '--api-url', sim.url]).code).toBe(0);
    expect(mode(store())).toBe(0o600);
  });
});

describe('verify-config', () => {
  it('passes a sound setup (exit 0) and reaches the venue with --online', () => {
    const r = cli(['verify-config', '--online', '--api-url', sim.url, '--json']);
    const report = JSON.parse(r.stdout) as { result: string; checks: { id: string; status: string; where?: string }[] };
    expect(r.code).toBe(0);
    const status = (id: string) => report.checks.find((c) => c.id === id)?.status;
    expect(status('store.decrypts')).toBe('PASS');
    expect(status('modes.secrets')).toBe('PASS');
    expect(status('online.binance.authentication')).toBe('PASS');
    expect(status('online.binance.withdrawals')).toBe('PASS');
  });

  it('fails a group-readable .env, an unknown key (with did-you-mean) and a stored secret in plaintext, naming file and line (exit 1)', () => {
    writeFileSync(join(work, '.env'), `# venue\nBINANCE_API_SECRET=${API_SECRET}\n`);
    chmodSync(join(work, '.env'), 0o640);
    writeFileSync(join(home, 'config', 'config.yaml'), 'logLevel: info\nrisk:\n  maxLeverge: 3\n');
    const r = cli(['verify-config']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^FAIL {2}owner-only secrets .*\.env 0640.*\n {6}-> Run: chmod go-rwx /m);
    expect(r.stdout).toMatch(
      new RegExp(
        `^FAIL  config\\.yaml against the schema +unknown key risk\\.maxLeverge \\(did you mean maxLeverage\\?\\)  \\[${home}/config/config\\.yaml:3\\]`,
        'm',
      ),
    );
    rmSync(join(home, 'config', 'config.yaml'));
    const plain = cli(['verify-config', '--json']);
    const checks = (JSON.parse(plain.stdout) as { checks: { id: string; status: string; where?: string }[] }).checks;
    expect(checks.find((c) => c.id === 'secrets.plaintext')).toMatchObject({ status: 'FAIL', where: `${join(work, '.env')}:2` });
    rmSync(join(work, '.env'));
  });

  it('a live session without limits in config.yaml is a FAIL; bad flags exit 2', () => {
    expect(cli(['verify-config', '--live']).stdout).toMatch(
      /^FAIL {2}risk limits +a live session needs maxNotionalPerOrder and maxDailyLoss set in config\.yaml/m,
    );
    const r = cli(['verify-config', '--api-url', sim.url]);
    expect(r.code).toBe(2);
    expect(oneLine(r.stderr)).toEqual(['error: --api-url and --testnet apply to --online. Add --online or drop them']);
  });
});

describe('generate-api-token', () => {
  it('prints one line, lists without the token, revokes, and refuses bad flags with exit 2', () => {
    const r = cli(['generate-api-token', '--scope', 'trade', '--ttl', '15m', '--subject', 'ci']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^eyJ[A-Za-z0-9_-]+\.eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\n$/);
    expect(mode(join(home, 'config', 'api-secret'))).toBe(0o600);
    const jti = (JSON.parse(Buffer.from(r.stdout.split('.')[1]!, 'base64url').toString()) as { jti: string }).jti;
    const list = cli(['generate-api-token', '--list']).stdout;
    expect(list).toMatch(new RegExp(`^${jti} {2}trade {2}ci {2}expires `, 'm'));
    expect(list).not.toContain(r.stdout.trim().split('.')[2]);
    expect(cli(['generate-api-token', '--revoke', jti]).stdout).toBe(`revoked ${jti} (trade token of ci)\n`);
    expect(cli(['generate-api-token', '--list']).stdout).toMatch(/REVOKED/);
    for (const [args, message] of [
      [['--ttl', '1y'], /^error: bad --ttl '1y'\. Give a lifetime from 1m to 90d/],
      [['--scope', 'root'], /^error: bad --scope 'root'\. Use read, trade or admin$/],
      [['--revoke', 'x'], /^error: bad --revoke 'x'\./],
    ] as const) {
      const bad = cli(['generate-api-token', ...args]);
      expect(bad.code).toBe(2);
      expect(oneLine(bad.stderr)).toEqual([expect.stringMatching(message)]);
    }
    expect(existsSync(join(home, 'config', 'revoked-tokens.json'))).toBe(true);
  });
});
