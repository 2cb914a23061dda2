import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const JITI = fileURLToPath(new URL('../../../node_modules/.bin/jiti', import.meta.url));
const CLI = fileURLToPath(new URL('../src/cli.ts', import.meta.url));

function run(args: string[]) {
  const child = spawn(JITI, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const firstLine = new Promise<string>((resolve) => createInterface({ input: child.stdout }).once('line', resolve));
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, firstLine, exit, stderr: () => stderr };
}

describe('exchange-sim start (the local testnet users run)', () => {
  it('prints its URL, serves both dialects with the given key and faults, and stops on SIGTERM', async () => {
    const p = run(['--seed', '5', '--api-key', 'k1', '--api-secret', 's1', '--fault', '{"kind":"server_error","path":"/api/v3/ping"}']);
    const info = JSON.parse(await p.firstLine) as { url: string; seed: number };
    expect(info.seed).toBe(5);
    expect((await fetch(`${info.url}/api/v3/ping`)).status).toBe(503);
    expect((await fetch(`${info.url}/api/v3/ping`)).status).toBe(200);
    expect(((await (await fetch(`${info.url}/v5/market/time`)).json()) as { retCode: number }).retCode).toBe(0);
    p.child.kill('SIGTERM');
    expect(await p.exit).toBe(0);
  });

  it('refuses a bad flag with exit 2 and a one-line error', async () => {
    const p = run(['--port', 'abc']);
    expect(await p.exit).toBe(2);
    expect(p.stderr()).toMatch(/^error: --port must be an integer/);
  });
});
