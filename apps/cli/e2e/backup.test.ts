import { readdirSync, readFileSync, rmSync, statSync, writeFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { rustybt } from './run-cli';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const home = mkdtempSync(join(tmpdir(), 'rustybt-backup-e2e-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));
const env = { RUSTYBT_HOME: home };
const CANARY = 'CANARY-ENV-SECRET-91c2';
const mode = (p: string) => (statSync(p).mode & 0o777).toString(8);

interface Status {
  barsProcessed: number;
  recentFills: unknown[];
}

describe('rustybt backup / restore / verify-restore (the recovery guide, end to end)', () => {
  it('backs up a session, survives losing the state, restores it and verifies the restore', () => {
    const run = rustybt(['paper-trade', '--strategy', 'examples/sma-crossover.ts', '--session', 'demo', '--data', 'replay:sim', '--speed', 'max'], env, ROOT);
    expect(run.code).toBe(0);
    mkdirSync(join(home, 'config'), { recursive: true });
    writeFileSync(join(home, 'config', '.env'), `BINANCE_API_SECRET=${CANARY}\n`, { mode: 0o600 });
    const before = JSON.parse(rustybt(['--json', 'status', '--session', 'demo'], env, ROOT).stdout) as Status;

    const backup = rustybt(['backup', '--keep', '3'], env, ROOT);
    expect(backup.code).toBe(0);
    const archive = backup.stdout.trim();
    expect(archive).toMatch(new RegExp(`^${home}/backups/rustybt-backup-\\d{8}T\\d{9}Z\\.tar\\.gz$`));
    expect(backup.stderr).toMatch(/^backed up demo \(\d+ orders, \d+ fills, last bar 2020-01-01T\d\d:\d\d:00\.000Z\); 1 files, [\d.]+ KB\n$/);
    expect(mode(archive)).toBe('600');
    expect(mode(join(home, 'backups'))).toBe('700');
    expect(readFileSync(archive).toString('latin1')).not.toContain(CANARY);

    // Break it: the state is gone.
    rmSync(join(home, 'state'), { recursive: true });
    expect(rustybt(['status', '--session', 'demo'], env, ROOT).code).toBe(2);

    const restore = rustybt(['restore', archive], env, ROOT);
    expect(restore.code).toBe(0);
    expect(restore.stdout).toMatch(/^restored 1 file into .* from a backup of .* at \d{4}-.*Z\n {2}state\/demo\.db\n/);
    expect(mode(join(home, 'state'))).toBe('700');
    for (const f of readdirSync(join(home, 'state'))) expect([f, mode(join(home, 'state', f))]).toEqual([f, '600']);
    const after = JSON.parse(rustybt(['--json', 'status', '--session', 'demo'], env, ROOT).stdout) as Status;
    expect(after.barsProcessed).toBe(before.barsProcessed);
    expect(after.recentFills).toEqual(before.recentFills);

    const verify = rustybt(['--json', 'verify-restore', '--latest', '--rto', '5m'], env, ROOT);
    expect(verify.code).toBe(0);
    const report = JSON.parse(verify.stdout) as { ok: boolean; rtoMs: number; sessions: { name: string; integrity: string; start: { resumeAfter: string } }[] };
    expect(report).toMatchObject({ ok: true, sessions: [{ name: 'demo', integrity: 'ok', start: { resumeAfter: '2020-01-01T16:39:00.000Z' } }] });
    expect(report.rtoMs).toBeGreaterThan(0);

    // A target it cannot meet: the backup is older than a millisecond by now.
    const missed = rustybt(['verify-restore', archive, '--rpo', '1ms'], env, ROOT);
    expect(missed.code).toBe(1);
    expect(missed.stdout).toMatch(/FAILED[\s\S]*problem: RPO \d+ ms misses the target 1 ms/);

    // Resume: the session runs again from its restored checkpoint (the replay is already complete).
    const resumed = rustybt(
      ['paper-trade', '--strategy', 'examples/sma-crossover.ts', '--session', 'demo', '--data', 'replay:sim', '--speed', 'max'],
      env,
      ROOT,
    );
    expect(resumed.code).toBe(0);
    expect(resumed.stderr).toMatch(/resumed session demo after 1000 bars/);
  });

  it('carries the plaintext .env only with --include-env, and says so; never prints the secret', () => {
    const r = rustybt(['--json', 'backup', '--include-env', '--output', join(home, 'with-env')], env, ROOT);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(
      /^warning: .* holds plaintext secrets \(config\/\.env(, config\/api-secret)?\) because of --include-env\. Protect it like the secrets themselves\n$/,
    );
    const out = JSON.parse(r.stdout) as { plaintext: string[]; files: { path: string }[] };
    expect(out.plaintext).toContain('config/.env');
    expect(out.files.map((f) => f.path)).toContain('config/.env');
    expect(r.stdout + r.stderr).not.toContain(CANARY);
  });

  it('bad input: one line, exit 2', () => {
    const cases: [string[], RegExp][] = [
      [['backup', '--keep', 'x'], /^error: bad --keep 'x'\. Give a whole number of backups to keep, 1 or more$/],
      [['backup', '--session', 'demo', '--all'], /^error: --session and --all exclude each other\./],
      [['backup', '--session', '../../etc'], /^error: bad --session '\.\.\/\.\.\/etc'\./],
      [['restore', join(home, 'nope.tar.gz')], /^error: no archive .*nope\.tar\.gz\. Check the path/],
      [['verify-restore'], /^error: no archive given\. Pass the path of a backup, or --latest/],
      [['verify-restore', '--latest', '--rto', 'soon'], /^error: bad --rto 'soon'\. Give a number and a unit/],
    ];
    for (const [args, message] of cases) {
      const r = rustybt(args, env, ROOT);
      expect([args.join(' '), r.code]).toEqual([args.join(' '), 2]);
      expect(r.stderr.trim()).toMatch(message);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
    const garbage = join(home, 'garbage.tar.gz');
    writeFileSync(garbage, 'not an archive');
    const r = rustybt(['restore', garbage, '--force'], env, ROOT);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toMatch(/^error: .*garbage\.tar\.gz is not a valid gzip file \(corrupt or truncated\)\. It is not a rustybt backup/);
  });
});
