import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, rustybt } from './run-cli';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const home = mkdtempSync(join(tmpdir(), 'rustybt-kill-switch-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));
const env = { RUSTYBT_HOME: home, RUSTYBT_API_TOKEN: '' };
const until = async (what: string, probe: () => boolean | Promise<boolean>) => {
  for (let i = 0; i < 2400; i++) {
    if (await probe()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
};
const events = () =>
  readdirSync(join(home, 'logs'))
    .filter((f) => f.endsWith('.log'))
    .flatMap((f) =>
      readFileSync(join(home, 'logs', f), 'utf8')
        .split('\n')
        .filter(Boolean),
    )
    .map((l) => JSON.parse(l) as { event: string; rule?: string; state?: string });

describe('status, halt and resume through an authenticated runner API', () => {
  it('status needs a token, halt and resume move the session, logged as rule operator', { timeout: 240_000 }, async () => {
    mkdirSync(join(home, 'config'), { recursive: true });
    writeFileSync(join(home, 'config', 'config.yaml'), 'api:\n  auth: required\n');
    const child = spawn(
      process.execPath,
      [BIN, 'paper-trade', '--strategy', 'examples/sma-crossover.ts', '--session', 'guarded', '--speed', '3000', '--heartbeat', '200ms'],
      {
        cwd: ROOT,
        env: { ...process.env, ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const outputs: string[] = [];
    try {
      await until('the endpoint', () => /http: http:\/\/127\.0\.0\.1:\d+/.test(stderr) || child.exitCode !== null);
      const refused = rustybt(['status', '--session', 'guarded'], env, ROOT);
      expect(refused.code).toBe(2);
      expect(refused.stderr.trim()).toMatch(
        /^error: the runner at http:\/\/127\.0\.0\.1:\d+ refused the request \(401: missing\)\. Pass --token or set RUSTYBT_API_TOKEN \(see 'rustybt generate-api-token'\)$/,
      );

      const read = rustybt(['generate-api-token', '--scope', 'read', '--ttl', '10m'], env, ROOT).stdout.trim();
      const trade = rustybt(['generate-api-token', '--scope', 'trade', '--ttl', '10m'], env, ROOT).stdout.trim();
      const status = rustybt(['--json', 'status', '--session', 'guarded'], { ...env, RUSTYBT_API_TOKEN: read }, ROOT);
      expect(status.code).toBe(0);
      expect(JSON.parse(status.stdout)).toMatchObject({ session: 'guarded', running: true, source: 'http', state: 'RUNNING' });

      const denied = rustybt(['halt', '--session', 'guarded', '--token', read], env, ROOT);
      expect(denied.code).toBe(2);
      expect(denied.stderr.trim()).toMatch(/refused the halt \(403: insufficient-scope\)\. Use a token with scope trade/);
      const halt = rustybt(['halt', '--session', 'guarded', '--cancel-open'], { ...env, RUSTYBT_API_TOKEN: trade }, ROOT);
      expect(halt.stdout).toMatch(/^session guarded: HALTED; \d+ open orders cancelled\n$/);
      await until('a HALTED heartbeat', () => events().some((e) => e.event === 'heartbeat' && e.state === 'HALTED'));
      // On this host without a token: one minted from the home's API secret for the loopback runner.
      const resume = rustybt(['resume', '--session', 'guarded'], env, ROOT);
      expect(resume.code).toBe(0);
      expect(resume.stdout).toBe('session guarded: RUNNING\n');
      const url = /http: (http:\/\/127\.0\.0\.1:\d+)/.exec(stderr)![1]!;
      const viaUrl = rustybt(['status', '--url', url, '--token', read], env, ROOT);
      expect(viaUrl.stdout).toMatch(/^session {3}guarded: running .*RUNNING\)/);
      outputs.push(refused.stderr, status.stdout, denied.stderr, halt.stdout, resume.stdout, viaUrl.stdout, viaUrl.stderr);
      expect(outputs.join('\n')).not.toContain(read.split('.')[2]);
      expect(outputs.join('\n')).not.toContain(trade.split('.')[2]);
    } finally {
      child.kill('SIGINT');
    }
    expect(await exited).toBe(0);
    expect(
      events()
        .filter((e) => e.event.startsWith('risk_'))
        .map((e) => `${e.event} ${e.rule}`),
    ).toEqual(['risk_halt operator', 'risk_resume operator']);
    const bad = rustybt(['halt', '--session', 'guarded'], env, ROOT);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim()).toBe("error: session 'guarded' is not running on this host (it recorded no endpoint). Start it, or pass --url");
    expect(rustybt(['halt', '--url', 'http://127.0.0.1:1'], { ...env, RUSTYBT_API_TOKEN: 'x' }, ROOT).code).toBe(1);
  });
});
