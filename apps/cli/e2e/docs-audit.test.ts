import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, rustybt } from './run-cli';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'rustybt-docs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Like rustybt() but with room for a whole docs run on a loaded machine. */
function rustybtLong(args: string[], cwd: string, env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', RUSTYBT_HOME: dir, ...env },
    timeout: 600_000,
    cwd,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

interface RunJson {
  run: {
    files: { file: string; problems: unknown[]; commands: { line: number; ok: boolean; exitCode: number | null; timedOut: boolean; output: string }[] }[];
  };
}

it("the project's own README and docs name only real commands, flags and values", () => {
  const r = rustybt(['docs-audit'], { RUSTYBT_HOME: dir }, repoRoot);
  expect(r.stdout).toMatch(/^PASS: \d+ command lines in \d+ files, 0 problems/m);
  expect(r.code).toBe(0);
});

it('every console example in the README and docs runs and prints what the docs say', () => {
  const r = rustybtLong(['docs-audit', '--run', 'README.md', 'docs'], repoRoot);
  expect(r.stdout).toMatch(/^PASS: \d+ command lines in \d+ files, 0 problems$/m);
  expect(r.stdout).toMatch(/^PASS: [1-9]\d* console commands in [1-9]\d* files, 0 failed$/m);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
}, 600_000);

it('docs/cli.md is the reference generated from the CLI as it is (regenerate: npm run docs:cli)', () => {
  const r = rustybt(['cli-spec', '--markdown'], { RUSTYBT_HOME: dir }, repoRoot);
  expect(r.code).toBe(0);
  expect(r.stdout, 'docs/cli.md is stale: run `npm run docs:cli` and commit docs/cli.md').toBe(readFileSync(join(repoRoot, 'docs/cli.md'), 'utf8'));
  expect(r.stdout).toContain('## `rustybt docs-audit`');
  expect(r.stdout).not.toContain('## `rustybt cli-spec`'); // hidden
});

it('fails with file:line for a documented flag that does not exist', () => {
  const doc = join(dir, 'guide.md');
  writeFileSync(doc, 'Intro\n\n```sh\nrustybt config show --verbose\n```\n');
  const r = rustybt(['--json', 'docs-audit', doc], { RUSTYBT_HOME: dir }, dir);
  expect(r.code).toBe(1);
  const report = JSON.parse(r.stdout) as { findings: { file: string; line: number; problem: string }[] };
  expect(report.findings).toEqual([expect.objectContaining({ file: 'guide.md', line: 4, problem: "unknown option '--verbose' for 'rustybt config show'" })]);
});

it('rejects a path that does not exist with exit 2', () => {
  const r = rustybt(['docs-audit', join(dir, 'missing.md')], { RUSTYBT_HOME: dir }, dir);
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(/^error: .*missing\.md: no such file or folder\. Check the path\n$/);
});

describe('quoted error lines', () => {
  it('pass when the code prints them, the variable parts left open, and fail with file:line when it does not', () => {
    const doc = join(dir, 'errors.md');
    writeFileSync(
      doc,
      [
        '# Troubles',
        '',
        "When `error: bad source 'yaho': unknown kind 'yaho'. Use csv:<file-or-dir>, sim, yahoo, ccxt:<exchange> or replay:<one of those>` appears, fix --source.",
        '',
        '```text',
        'error: /srv/docs/missing.md: no such file or folder. Check the path',
        'error: the flux capacitor is not charged. Charge it first',
        'error: <what>. <what to do>',
        '```',
      ].join('\n'),
    );
    const r = rustybt(['docs-audit', doc], { RUSTYBT_HOME: dir }, dir);
    expect(r.stdout.split('\n')).toEqual([
      'PASS: 0 command lines in 1 files, 0 problems',
      expect.stringMatching(/^errors\.md:7: quoted error line is not printed by the code: /),
      '    error: the flux capacitor is not charged. Charge it first',
      'FAIL: 4 quoted error lines in 1 files, 1 not in the code',
      '',
    ]);
    expect(r.code).toBe(1);
  });
});

describe('static audit of older docs', () => {
  // The upstream deployment guide's shape: `python -m rustybt`, commands split over lines with `\`.
  const upstream = [
    '```bash',
    '# Run paper trading for 30 days',
    'python -m rustybt paper-trade \\',
    '    --strategy momentum.py \\',
    '    --broker binance \\',
    '    --duration 30d \\',
    '    --log-level INFO',
    '',
    'python -m rustybt analyze-uptime \\',
    '    --log-dir ~/.rustybt/logs \\',
    '    --start-date 2025-01-01 \\',
    '    --end-date 2025-01-30',
    '',
    'python -m rustybt test-data --source yfinance --symbol AAPL',
    '```',
  ].join('\n');

  it('--program checks `python -m rustybt` lines as rustybt commands, each continued command as one', () => {
    const doc = join(dir, 'upstream.md');
    writeFileSync(doc, upstream);
    const r = rustybt(['--json', 'docs-audit', '--program', 'python -m rustybt', doc], { RUSTYBT_HOME: dir }, dir);
    const report = JSON.parse(r.stdout) as { invocations: number; findings: { line: number; problem: string }[] };
    expect(report.invocations).toBe(3);
    // A shell reads the first command whole, and so does the audit: no stray `\` argument.
    expect(report.findings.map((f) => [f.line, f.problem])).toEqual([[3, "option '--log-level' does not accept 'INFO' (choices: error, warn, info, debug)"]]);
    expect(r.code).toBe(1);
  });

  it('without --program those lines are not ours', () => {
    const r = rustybt(['docs-audit', join(dir, 'upstream.md')], { RUSTYBT_HOME: dir }, dir);
    expect(r.stdout).toMatch(/^PASS: 0 command lines in 1 files, 0 problems$/m);
    expect(r.code).toBe(0);
  });
});

describe('docs-audit --run', () => {
  const canary = 'canary-9f3b1c77e2';
  const runDoc = (name: string, text: string, args: string[] = []) => {
    const doc = join(dir, name);
    writeFileSync(doc, text);
    // A developer's own home and secrets must not reach the examples.
    return rustybtLong(['docs-audit', '--run', ...args, doc], dir, { BINANCE_API_SECRET: canary, RUSTYBT_ENCRYPTION_KEY: canary });
  };

  const passing = [
    '# Passing',
    '```console',
    '$ echo out; echo err >&2; echo out2',
    'out',
    'err',
    'out2',
    '$ command -v rustybt && rustybt --version',
    '[..]/bin/rustybt',
    '[..]',
    '$ stat -c %a "$RUSTYBT_HOME"; pwd > where; echo "$RUSTYBT_HOME" >> where',
    '700',
    '$ env | grep -c canary',
    '0',
    '? 1',
    '```',
    '',
    "A second block shares the first one's folder and home:",
    '',
    '```console',
    '$ rustybt test-data \\',
    '>   --source sim --symbol SIM --start 2024-01-01 --end 2024-02-01 --output report.json',
    'source    sim  SIM  1d  2024-01-01T00:00:00.000Z -> 2024-02-01T00:00:00.000Z',
    '...',
    'result    PASS (7 checks)',
    '$ ls',
    'report.json',
    'where',
    '$ cat where',
    '[..]/work',
    '[..]/home',
    '$ rustybt test-data --source yaho',
    "error: bad source 'yaho': unknown kind 'yaho'. Use [..]",
    '? 2',
    '```',
  ].join('\n');

  it('runs each command in order in a fresh home and folder, comparing merged output and exit codes', () => {
    const r = runDoc('passing.md', passing);
    expect(r.stdout).toBe(
      'PASS: 2 command lines in 1 files, 0 problems\nPASS: 1 quoted error lines in 1 files, 0 not in the code\nPASS: 8 console commands in 1 files, 0 failed\n',
    );
    expect(r.code).toBe(0);
    expect(`${r.stdout}${r.stderr}`).not.toContain(canary);
  }, 300_000);

  it('gives each file its own sandbox and removes it afterwards', () => {
    const first = JSON.parse(runDoc('passing.md', passing, ['--json']).stdout) as RunJson;
    const [work, home] = first.run.files[0]!.commands[6]!.output.trim().split('\n');
    expect(home).toMatch(/rustybt-docs-run-[^/]+\/home$/);
    expect(existsSync(work!) || existsSync(home!)).toBe(false);
    const r = runDoc('fresh.md', '```console\n$ ls -A; ls -A "$RUSTYBT_HOME"; pwd\n[..]/work\n```\n', ['--json']);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as RunJson).run.files[0]!.commands[0]!.output).not.toContain(work!);
  }, 300_000);

  it('shows a failing example as a line-marked diff with the exit code, and exits 1', () => {
    const doc = ['```console', '$ printf "one\\ntwo\\nthree\\n"; exit 3', 'one', 'TWO', '...', '```', '```console', '$ true', '? 1', '```'].join('\n');
    const r = runDoc('failing.md', doc);
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n')).toEqual([
      'PASS: 0 command lines in 1 files, 0 problems',
      'failing.md:2: $ printf "one\\ntwo\\nthree\\n"; exit 3',
      '    exit code 3, expected 0',
      '    output (- expected, + actual, ~ taken by ...):',
      '        one',
      '      - TWO',
      '      ~ two',
      '      ~ three',
      'failing.md:8: $ true',
      '    exit code 0, expected 1',
      'FAIL: 2 console commands in 1 files, 2 failed',
      '',
    ]);
  }, 300_000);

  it('stops a command at --timeout with everything it started, and goes on with the next', () => {
    const doc = ['```console', '$ echo started; sleep 600 & sleep 600', 'started', '$ echo next', 'next', '```'].join('\n');
    const r = runDoc('slow.md', doc, ['--json', '--timeout', '2']);
    expect(r.code).toBe(1);
    const [file] = (JSON.parse(r.stdout) as RunJson).run.files;
    expect(file!.commands.map((c) => [c.ok, c.timedOut, c.exitCode, c.output])).toEqual([
      [false, true, null, 'started\n'],
      [true, false, 0, 'next\n'],
    ]);
  }, 300_000);

  it('rejects a bad --timeout with exit 2', () => {
    const r = rustybt(['docs-audit', '--run', '--timeout', '0', join(dir, 'slow.md')], { RUSTYBT_HOME: dir }, dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: .*--timeout.*expected a number of seconds above 0.*\n$/);
  });
});
