import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LogScript, writeLogs } from '@rustybt/uptime/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { BIN, rustybt } from './run-cli';

const home = mkdtempSync(join(tmpdir(), 'rustybt-uptime-e2e-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));
const env = { RUSTYBT_HOME: home };
const T0 = Date.UTC(2026, 6, 1);
const healthyDir = join(home, 'logs');
const crashDir = join(home, 'crashy');

beforeAll(() => {
  // A day of 10 s heartbeats with one 30 s blip: 20 s down of 86 400 s = 99.977%, SLO met.
  writeLogs(healthyDir, new LogScript(T0, 10_000).start(1).beats(4000).crash(30_000).start(2).beats(4637).lines);
  // Half an hour down in a day: SLO missed.
  writeLogs(crashDir, new LogScript(T0, 10_000).start(1).beats(4000).crash(1_810_000).start(2).beats(4000).garbage('{"broken').lines, { gzip: () => true });
});

describe('rustybt analyze-uptime', () => {
  it('reads $RUSTYBT_HOME/logs by default and exits 0 when the SLO is met', () => {
    const r = rustybt(['analyze-uptime'], env);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^uptime 99\.97\d*% — SLO 99\.9% MET\n/);
    expect(r.stdout).toContain('restarts   1 after crashes');
  });

  it('prints the JSON report and exits 1 when the SLO is missed', () => {
    const r = rustybt(['--json', 'analyze-uptime', '--log-dir', crashDir], env);
    expect(r.code).toBe(1);
    const j = JSON.parse(r.stdout) as Record<string, unknown> & {
      seconds: Record<string, number>;
      slo: Record<string, unknown>;
      incidents: unknown[];
      lines: unknown;
    };
    for (const key of ['window', 'uptimePct', 'slo', 'seconds', 'incidents', 'restarts', 'mttrSeconds', 'mtbfSeconds', 'operations', 'errors', 'lines'])
      expect(j).toHaveProperty(key);
    expect(Object.keys(j.slo)).toEqual(['target', 'met', 'budgetSeconds', 'budgetLeftSeconds']);
    expect(Object.keys(j.seconds)).toEqual(['window', 'observed', 'unknown', 'down', 'planned', 'degraded']);
    expect(j.seconds.down).toBe(1800);
    expect(j.slo.met).toBe(false);
    expect(j.incidents).toEqual([
      { start: new Date(T0 + 40_010_000).toISOString(), end: new Date(T0 + 41_810_000).toISOString(), durationSeconds: 1800, kind: 'crash' },
    ]);
    expect(j.lines).toEqual({ read: 8003, malformed: 1 });
  });

  it('applies the window, heartbeat, grace, merge gap, SLO and planned flags', () => {
    const r = rustybt(
      [
        'analyze-uptime',
        '--log-dir',
        crashDir,
        '--format',
        'json',
        '--start-date',
        '2026-07-01T11:00:00Z',
        '--end-date',
        '2026-07-01T22:00Z',
        '--heartbeat',
        '10s',
        '--grace',
        '5m',
        '--merge-gap',
        '5m',
        '--slo',
        '95',
        '--exclude-planned',
      ],
      env,
    );
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as {
      window: { start: string; end: string };
      seconds: { down: number; window: number };
      slo: { target: number; met: boolean };
    };
    expect(j.window).toEqual({ start: '2026-07-01T11:00:00.000Z', end: '2026-07-01T22:00:00.000Z' });
    expect(j.seconds.window).toBe(39_600);
    expect(j.seconds.down).toBe(1800);
    expect(j.slo).toMatchObject({ target: 95, met: true });
  });

  it('analyzes one session with --session', () => {
    const r = rustybt(['--json', 'analyze-uptime', '--log-dir', healthyDir, '--session', 'run-1'], env);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as { settings: { session: string } }).settings.session).toBe('run-1');
    const none = rustybt(['analyze-uptime', '--log-dir', healthyDir, '--session', 'other'], env);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/^error: no events of session 'other' in .*\. Sessions found: 'run-1'\n$/);
  });

  it('writes Markdown and self-contained HTML reports to --output', () => {
    const md = join(home, 'out', 'uptime.md');
    mkdirSync(join(home, 'out'), { recursive: true });
    expect(rustybt(['analyze-uptime', '--log-dir', crashDir, '--format', 'md', '--output', md], env).code).toBe(1);
    expect(readFileSync(md, 'utf8')).toContain('| SLO target | 99.9% — **missed** |');
    const html = join(home, 'out', 'uptime.html');
    const r = rustybt(['analyze-uptime', '--log-dir', healthyDir, '--format', 'html', '--output', html], env);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    const page = readFileSync(html, 'utf8');
    expect(page).toContain('<svg');
    expect(page).toContain('<table>');
  });

  it('names the directory and the file pattern when no logs are found (exit 2)', () => {
    const empty = join(home, 'empty');
    mkdirSync(empty, { recursive: true });
    const r = rustybt(['analyze-uptime', '--log-dir', empty], env);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(
      `error: no logs found in ${empty} (looked for paper-trade-YYYY-MM-DD.log (or .log.gz)). Pass --log-dir with the runner's log directory`,
    );
    expect(existsSync(join(home, 'missing'))).toBe(false);
    expect(rustybt(['analyze-uptime', '--log-dir', join(home, 'missing')], env).code).toBe(2);
  });

  it('rejects bad flags with one line and exit 2', () => {
    const cases: [string[], RegExp][] = [
      [['--heartbeat', '10'], /^error: --heartbeat '10' is not a duration\. Give a number and a unit/],
      [['--grace', '1.5'], /^error: --grace '1\.5' is not a duration/],
      [['--merge-gap', '1m30s'], /^error: --merge-gap '1m30s' is not a duration/],
      [['--heartbeat', '0s'], /^error: --heartbeat must be longer than 0/],
      [['--start-date', '2026-07-01 noon'], /^error: --start-date '2026-07-01 noon' is not a real UTC date/],
      [['--end-date', '2026-02-30'], /^error: --end-date '2026-02-30' is not a real UTC date/],
      [['--start-date', '2026-07-02', '--end-date', '2026-07-01T00:00Z'], /^error: --end-date 2026-07-01T00:00Z is not after --start-date 2026-07-02/],
      [['--slo', '101'], /^error: --slo '101' is not a percentage/],
      [['--format', 'pdf'], /^error: option '--format <format>' argument 'pdf' is invalid/],
      [['--json', '--format', 'md'], /^error: --json and --format md contradict each other/],
    ];
    for (const [args, message] of cases) {
      const global = args[0] === '--json' ? ['--json'] : [];
      const rest = args[0] === '--json' ? args.slice(1) : args;
      const r = rustybt([...global, 'analyze-uptime', '--log-dir', healthyDir, ...rest], env);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(r.stderr, args.join(' ')).toMatch(message);
    }
  });

  // Three CLI processes and a deliberate 4 s outage: the budget is for a loaded machine, not a speed goal.
  it("reads the paper runner's own logs: a kill -9 and a resume show as a crash and a restart", async () => {
    const runHome = join(home, 'runner');
    const runEnv = { RUSTYBT_HOME: runHome };
    const args = ['paper-trade', '--strategy', fileURLToPath(new URL('../../../examples/sma-crossover.ts', import.meta.url)), '--heartbeat', '1s'];
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, ...runEnv, NO_COLOR: '1' }, stdio: 'ignore' });
    const exited = new Promise((r) => child.on('exit', r));
    try {
      // kill it only once it has written a few heartbeats, however slow the machine is
      const deadline = Date.now() + 30_000;
      while (heartbeatsIn(join(runHome, 'logs')) < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    } finally {
      child.kill('SIGKILL');
      await exited;
    }
    expect(heartbeatsIn(join(runHome, 'logs'))).toBeGreaterThanOrEqual(3);
    await new Promise((r) => setTimeout(r, 4000));
    expect(rustybt([...args, '--duration', '3s'], runEnv).code).toBe(0);
    const r = rustybt(['--json', 'analyze-uptime'], runEnv);
    expect(r.stderr).toBe('');
    const j = JSON.parse(r.stdout) as {
      restarts: number;
      incidents: { kind: string; durationSeconds: number }[];
      seconds: { down: number; planned: number };
      lines: { malformed: number };
    };
    expect(j.restarts).toBe(1);
    expect(j.incidents.map((i) => i.kind)).toEqual(['crash']);
    // killed, 4 s of silence, then the new process needs a moment to start: down is at least 4 s minus the interval
    expect(j.seconds.down).toBeGreaterThanOrEqual(3);
    expect(j.seconds.planned).toBe(0);
    expect(r.code).toBe(1);
  }, 180_000);
});

function heartbeatsIn(dir: string): number {
  if (!existsSync(dir)) return 0;
  return readdirSync(dir)
    .filter((f) => f.startsWith('paper-trade-'))
    .reduce((n, f) => n + (readFileSync(join(dir, f), 'utf8').match(/"event":"heartbeat"/g)?.length ?? 0), 0);
}
