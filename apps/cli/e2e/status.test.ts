import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, rustybt } from './run-cli';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const home = mkdtempSync(join(tmpdir(), 'rustybt-status-e2e-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));
const env = { RUSTYBT_HOME: home };

interface Status {
  session: string;
  running: boolean;
  source: string;
  barsProcessed: number;
  recentFills: unknown[];
  lastStop: { reason: string } | null;
}

describe('rustybt status', () => {
  it('says so when there is no session yet', () => {
    const r = rustybt(['status'], env, ROOT);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toMatch(/^error: no paper-trading sessions in .*state\. Start one with 'rustybt paper-trade --strategy <file>'$/);
  });

  it('reads a running session from its HTTP endpoint, and a stopped one from its state file', async () => {
    const child = spawn(
      process.execPath,
      [BIN, 'paper-trade', '--strategy', 'examples/sma-crossover.ts', '--session', 'watched', '--speed', '30000', '--heartbeat', '200ms'],
      {
        cwd: ROOT,
        env: { ...process.env, ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      // Wait for the endpoint, then for a first bar through it: events, not a fixed time (starting
      // the runner alone can take seconds on a loaded machine).
      let url: string | undefined;
      for (let i = 0; i < 1200 && !url && child.exitCode === null; i++) {
        url = /http: (http:\/\/127\.0\.0\.1:\d+)/.exec(stderr)?.[1];
        if (!url) await new Promise((r) => setTimeout(r, 50));
      }
      for (let i = 0; i < 1200 && url; i++) {
        const bars = await fetch(`${url}/status`).then(
          (r) => r.json() as Promise<Status>,
          () => undefined,
        );
        if (bars && bars.barsProcessed > 0) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      const live = rustybt(['--json', 'status'], env, ROOT);
      expect(live.code).toBe(0);
      const s = JSON.parse(live.stdout) as Status;
      expect(s).toMatchObject({ session: 'watched', running: true, source: 'http' });
      expect(s.barsProcessed).toBeGreaterThan(0);
      const text = rustybt(['status', '--session', 'watched'], env, ROOT);
      expect(text.stdout).toMatch(/^session {3}watched: running \(pid \d+, http:\/\/127\.0\.0\.1:\d+, up \d{2}:\d{2}:\d{2}, RUNNING\)/);
    } finally {
      child.kill('SIGINT');
    }
    expect(await exited).toBe(0);

    const stopped = rustybt(['--json', 'status', '--session', 'watched'], env, ROOT);
    expect(stopped.code).toBe(0);
    const s = JSON.parse(stopped.stdout) as Status;
    expect(s).toMatchObject({ session: 'watched', running: false, source: 'state', lastStop: { reason: 'signal' } });
    expect(s.barsProcessed).toBeGreaterThan(30);

    const out = join(home, 'status.json');
    expect(rustybt(['--json', 'status', '--output', out], env, ROOT).code).toBe(0);
    expect((JSON.parse(readFileSync(out, 'utf8')) as Status).session).toBe('watched');
    const text = rustybt(['status'], env, ROOT);
    expect(text.stdout).toMatch(/^session {3}watched: not running\nstrategy .*\nstopped {3}.* \(signal\)/);
  });

  it('rejects an unknown session and a bad --url with exit 2', () => {
    const unknown = rustybt(['status', '--session', 'ghost'], env, ROOT);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr.trim()).toMatch(/^error: no session 'ghost' in .*\. Sessions: watched$/);
    const bad = rustybt(['status', '--url', 'localhost'], env, ROOT);
    expect(bad.code).toBe(2);
  });
});
