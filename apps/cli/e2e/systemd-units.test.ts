import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const deploy = join(repo, 'docs', 'deploy');
// Every unit in docs/deploy, whoever adds it.
const UNIT = /\.(service|timer|socket|path|target)$/;
const units = readdirSync(deploy)
  .filter((f) => UNIT.test(f))
  .sort();

const analyze = spawnSync('systemd-analyze', ['--version'], { encoding: 'utf8' });
const missing = analyze.error || analyze.status !== 0 ? 'systemd-analyze is not installed on this machine' : undefined;

const work = mkdtempSync(join(tmpdir(), 'rustybt-units-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/**
 * A copy of the unit that systemd-analyze can check here. verify fails a unit whose Exec*= program
 * does not exist or is not executable, and the units name the install's node (/usr/bin/node), which
 * a test machine may not have (or have elsewhere): the program becomes this test's own node. The
 * arguments (/opt/rustybt/...) are not checked by verify and stay as written.
 */
function checkable(text: string): string {
  return text.replace(
    /^(Exec[A-Za-z]*=)([-@:+!]*)(\S+)/gm,
    (_all, key: string, prefixes: string, program: string) => `${key}${prefixes}${existsSync(program) && program.startsWith('/') ? program : process.execPath}`,
  );
}

function run(args: string[]): { code: number | null; output: string } {
  const r = spawnSync('systemd-analyze', args, { encoding: 'utf8', cwd: work, env: { ...process.env, SYSTEMD_LOG_COLOR: '0', SYSTEMD_PAGER: '' } });
  return { code: r.status, output: `${r.stdout}${r.stderr}`.trim() };
}

describe('docs/deploy', () => {
  it('holds the paper runner unit (the glob is not empty)', () => {
    expect(units).toContain('rustybt-paper.service');
  });

  // Copied together, so a timer finds the service it starts in the same folder.
  for (const unit of units) writeFileSync(join(work, unit), checkable(readFileSync(join(deploy, unit), 'utf8')));

  describe.skipIf(missing !== undefined)(missing ? `systemd units (skipped: ${missing})` : 'systemd units', () => {
    // verify exits 0 on warnings such as "Unknown key 'StartLimitIntervalSec' in section [Service],
    // ignoring" (that key did nothing there): any output at all is a finding.
    it.each(units)('systemd-analyze verify %s: clean, not a word of warning', (unit) => {
      expect(run(['verify', '--man=no', join(work, unit)])).toEqual({ code: 0, output: '' });
    });

    // The exposure score of `systemd-analyze security` (0 = locked down, 10 = nothing restricted):
    // the paper unit was 9.2 before its hardening.
    it.each(units.filter((u) => u.endsWith('.service')))('%s is hardened (systemd-analyze security exposure at most 3)', (unit) => {
      const r = run(['security', '--offline=yes', '--no-pager', join(work, unit)]);
      const exposure = Number(/Overall exposure level for \S+: ([\d.]+)/.exec(r.output)?.[1]);
      expect({ unit, exposure: exposure <= 3 ? 'ok' : exposure }).toEqual({ unit, exposure: 'ok' });
    });
  });

  it('ecosystem.config.cjs (PM2) loads, names a script that exists and runs one fork per session', () => {
    const config = createRequire(import.meta.url)(join(deploy, 'ecosystem.config.cjs')) as {
      apps: Array<{ script: string; cwd: string; exec_mode: string; instances: number; kill_timeout: number }>;
    };
    for (const app of config.apps) {
      expect(existsSync(join(app.cwd, app.script)), app.script).toBe(true);
      expect(app).toMatchObject({ exec_mode: 'fork', instances: 1 });
      expect(app.kill_timeout).toBeGreaterThanOrEqual(10_000);
    }
  });
});
