import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addRevoked, issueToken, resolveHome, type Scope } from '@rustybt/ops';
import { afterAll, describe, expect, it } from 'vitest';
import { PROCESS_TEST_TIMEOUT_MS, readEvents, startRunner, STRATEGY, until } from './support/runner-process';

const homes: string[] = [];
afterAll(() => homes.forEach((h) => rmSync(h, { recursive: true, force: true })));
function home(config: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'rustybt-api-'));
  homes.push(dir);
  mkdirSync(join(dir, 'config'), { recursive: true });
  writeFileSync(join(dir, 'config', 'config.yaml'), config);
  return dir;
}

// A strong secret that must never appear in any output.
const SECRET = `canary-api-secret-${randomBytes(24).toString('hex')}`;
const key = Buffer.from(SECRET, 'utf8');
const token = async (scope: Scope, now?: number) =>
  (await issueToken({ key, scope, subject: 'ci', ttlMs: 600_000, ...(now !== undefined ? { now } : {}) })).token;
const bearer = (t: string) => ({ authorization: `Bearer ${t}` });

function withHost(url: string, host: string): Promise<number> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({ host: u.hostname, port: u.port, path: '/health', headers: { host } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the runner API with api.auth required', { timeout: PROCESS_TEST_TIMEOUT_MS }, () => {
  it('guards /status and /metrics with a read token, the kill switch with a trade token, and leaks nothing', async () => {
    const dir = home('api:\n  auth: required\n');
    const logDir = join(dir, 'logs');
    const run = startRunner(['--strategy', STRATEGY, '--session', 'guarded', '--heartbeat', '100ms', '--speed', '3000', '--port', '0'], {
      RUSTYBT_HOME: dir,
      RUSTYBT_API_SECRET: SECRET,
    });
    const bodies: string[] = [];
    const get = async (path: string, headers: Record<string, string> = {}, method = 'GET') => {
      const res = await fetch(`${url}${path}`, { method, headers });
      const text = await res.text();
      bodies.push(text);
      return { status: res.status, text };
    };
    let url = '';
    try {
      url = await run.url;
      const read = await token('read');
      const trade = await token('trade');
      expect((await get('/health')).status).toBeLessThan(600);
      expect((await get('/status')).status).toBe(401);
      expect((await get(`/status?token=${read}`)).status).toBe(401);
      expect((await get('/status', bearer(await token('read', Date.now() - 3_600_000)))).text).toMatch(/"reason":"expired"/);
      expect((await get('/status', bearer(`${read.split('.').slice(0, 2).join('.')}.`))).status).toBe(401);
      expect(await withHost(url, 'rebind.attacker.example')).toBe(403);
      const status = await get('/status', bearer(read));
      expect(status.status).toBe(200);
      expect(JSON.parse(status.text)).toMatchObject({ session: 'guarded', running: true, source: 'http' });

      expect((await get('/halt', bearer(read), 'POST')).status).toBe(403);
      const halted = await get('/halt', bearer(trade), 'POST');
      expect(JSON.parse(halted.text)).toMatchObject({ state: 'HALTED', changed: true });
      await until('a HALTED heartbeat', () => readEvents(logDir).some((e) => e.event === 'heartbeat' && e.state === 'HALTED'));
      expect(JSON.parse((await get('/status', bearer(read))).text)).toMatchObject({ state: 'HALTED' });
      expect(JSON.parse((await get('/resume', bearer(trade), 'POST')).text)).toMatchObject({ state: 'RUNNING', changed: true });

      const jti = JSON.parse(Buffer.from(trade.split('.')[1]!, 'base64url').toString()).jti as string;
      addRevoked(resolveHome({ RUSTYBT_HOME: dir }), jti, Math.floor(Date.now() / 1000));
      expect((await get('/halt', bearer(trade), 'POST')).text).toMatch(/"reason":"revoked"/);

      const metrics = await get('/metrics', bearer(read));
      expect(metrics.text).toMatch(/rustybt_api_auth_failures_total\{reason="missing",session="guarded"\} 1/);
      expect(metrics.text).toMatch(/rustybt_api_auth_failures_total\{reason="token-in-query",session="guarded"\} 1/);
      expect(metrics.text).toMatch(/rustybt_api_auth_failures_total\{reason="revoked",session="guarded"\} 1/);

      const events = readEvents(logDir);
      expect(events.filter((e) => e.event === 'risk_halt' || e.event === 'risk_resume').map((e) => [e.event, e.rule])).toEqual([
        ['risk_halt', 'operator'],
        ['risk_resume', 'operator'],
      ]);
      expect(events.filter((e) => e.error_type === 'ApiAuthFailure').length).toBeGreaterThanOrEqual(6);
    } finally {
      run.child.kill('SIGTERM');
      await run.exited;
    }
    // Canaries: the secret and every token signature, in no log line, state byte, HTTP body or stderr.
    const outputs = [
      run.stderr(),
      ...bodies,
      ...readdirSync(logDir).map((f) => readFileSync(join(logDir, f), 'latin1')),
      ...readdirSync(join(dir, 'state')).map((f) => readFileSync(join(dir, 'state', f), 'latin1')),
    ].join('\n');
    expect(outputs).not.toContain(SECRET);
    expect(outputs).not.toContain(SECRET.slice(0, 24));
    expect(outputs).not.toMatch(/eyJ[A-Za-z0-9_-]+\.eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{20,}/);
  });

  it('refuses --bind beyond loopback without api.auth required, and with a weak secret', async () => {
    const open = startRunner(['--strategy', STRATEGY, '--session', 'exposed', '--bind', '0.0.0.0', '--port', '0'], {
      RUSTYBT_HOME: home('logLevel: info\n'),
      RUSTYBT_API_SECRET: SECRET,
    });
    const a = await open.exited;
    expect(a.code).toBe(2);
    expect(a.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^error: --bind 0\.0\.0\.0 exposes the API beyond this machine, and config\.yaml does not say api: \{ auth: required \}\./),
    ]);

    const weak = startRunner(['--strategy', STRATEGY, '--session', 'weak', '--bind', '0.0.0.0', '--port', '0'], {
      RUSTYBT_HOME: home('api:\n  auth: required\n'),
      RUSTYBT_API_SECRET: 'changeme',
    });
    const b = await weak.exited;
    expect(b.code).toBe(2);
    expect(b.stderr).toMatch(/^error: --bind 0\.0\.0\.0 needs a strong API secret, and RUSTYBT_API_SECRET is weak/m);
    expect(b.stderr).not.toContain('changeme');

    const bad = await startRunner(['--strategy', STRATEGY, '--bind', 'not an address'], { RUSTYBT_HOME: home('') }).exited;
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim()).toBe("error: bad --bind 'not an address'. Give an address such as 127.0.0.1, 0.0.0.0 or 10.0.0.5");
  });
});
