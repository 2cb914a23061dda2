import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { exportCommit, repoRoot, resolveCommit } from '../src/git';

const bin = fileURLToPath(new URL('../bin/ab-gate.js', import.meta.url));
const root = repoRoot(fileURLToPath(new URL('.', import.meta.url)));
const dir = mkdtempSync(join(tmpdir(), 'ab-gate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function gate(args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('ab-gate', () => {
  it('exports a commit without touching the working tree', () => {
    const commit = resolveCommit(root, 'HEAD');
    expect(commit).toMatch(/^[0-9a-f]{40}$/);
    exportCommit(root, commit, join(dir, 'export'));
    expect(existsSync(join(dir, 'export', 'package.json'))).toBe(true);
    expect(existsSync(join(dir, 'export', '.git'))).toBe(false);
  });

  it('runs an A/A job on the built working tree without a false alarm', () => {
    const r = gate(['--base-dir', root, '--head-dir', root, '--suite', 'startup', '--quick', '--iterations', '3', '--rounds', '3', '--json']);
    expect(r.stderr).toMatch(/round 3\/3: head/);
    const out = JSON.parse(r.stdout) as { report: { rounds: number; verdict: string; cases: { verdict: string; ratios: number[] }[] } };
    expect(out.report.rounds).toBe(3);
    expect(out.report.cases[0]!.ratios).toHaveLength(3);
    // Identical code: never a regression (the interval may be wide on a loaded machine: inconclusive is honest).
    expect(out.report.verdict).not.toBe('regression');
    expect(r.code).toBe(0);
  });

  it('rejects bad input with exit 2 and one line', () => {
    const cases: [string[], RegExp][] = [
      [['--base', 'no-such-revision-xyz', '--suite', 'startup'], /^error: unknown git revision "no-such-revision-xyz"\. Pass a commit/],
      [['--base', 'HEAD', '--suite', 'startup', '--rounds', '2'], /^error: --rounds must be a whole number >= 3, got "2"/],
      [['--suite', 'startup'], /^error: no base given\. Pass --base/],
      [['--base', 'HEAD', '--frobnicate'], /^error: Unknown option '--frobnicate'/],
    ];
    for (const [args, message] of cases) {
      const r = gate(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr.trim()).toMatch(message);
    }
  });
});
