import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PROCESS_TEST_TIMEOUT_MS, startRunner, STRATEGY } from './support/runner-process';

const home = mkdtempSync(join(tmpdir(), 'rustybt-statefile-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));
const env = { RUSTYBT_HOME: home };

describe('unusable state file', { timeout: PROCESS_TEST_TIMEOUT_MS }, () => {
  it('a corrupted file: one-line error, exit 2, file untouched', async () => {
    mkdirSync(join(home, 'state'), { recursive: true });
    const file = join(home, 'state', 'broken.db');
    const garbage = Buffer.from('{"this": "is not a database"}\n'.repeat(40));
    writeFileSync(file, garbage);
    const r = await startRunner(['--strategy', STRATEGY, '--session', 'broken'], env).exited;
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(
      new RegExp(`^error: state file ${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} is corrupted \\(not a SQLite database\\)\\. Restore it from a backup`),
    );
    expect(readFileSync(file)).toEqual(garbage);
  });

  it('a file another runner holds: one-line error, exit 2, the first runner unharmed', async () => {
    const first = startRunner(['--strategy', STRATEGY, '--session', 'busy', '--heartbeat', '100ms', '--log-dir', join(home, 'logs-1')], env);
    await first.url;
    const second = await startRunner(['--strategy', STRATEGY, '--session', 'busy', '--log-dir', join(home, 'logs-2')], env).exited;
    expect(second.code).toBe(2);
    expect(second.stderr.trim().split('\n')).toHaveLength(1);
    expect(second.stderr).toMatch(
      /^error: state file .*busy\.db is locked by another process \(is a runner already using this session\?\)\. Stop it, or pick another --session/,
    );
    const health = await fetch(`${await first.url}/health`);
    expect(health.status).toBe(200);
    first.child.kill('SIGTERM');
    expect((await first.exited).code).toBe(0);
  });

  it('bad flags: one-line error, exit 2', async () => {
    const r = await startRunner(['--strategy', STRATEGY, '--heartbeat', 'often'], env).exited;
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe("error: bad --heartbeat 'often'. Give a duration, e.g. 10s (units ms, s, m, h, d)");
  });
});
