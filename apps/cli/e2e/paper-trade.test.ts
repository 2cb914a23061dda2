import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { rustybt } from './run-cli';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const home = mkdtempSync(join(tmpdir(), 'rustybt-paper-e2e-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));
const env = { RUSTYBT_HOME: home };

describe('rustybt paper-trade', () => {
  it("runs the README's main job offline: seeded sim market, paper broker, heartbeat logs, a summary; analyze-uptime reads the logs", () => {
    const r = rustybt(['paper-trade', '--strategy', 'examples/sma-crossover.ts', '--duration', '3s'], env, ROOT);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^session sma-crossover stopped: duration_elapsed\n/);
    expect(r.stdout).toMatch(/ran +00:00:0\d, [1-4] bars/);
    expect(r.stdout).toContain(join(home, 'state', 'sma-crossover.db'));
    // Not a terminal: no status line redraws, just the start lines.
    expect(r.stderr).not.toContain('\r');
    expect(r.stderr).toMatch(/http: http:\/\/127\.0\.0\.1:\d+/);
    const logs = readdirSync(join(home, 'logs')).filter((f) => /^paper-trade-\d{4}-\d{2}-\d{2}\.log$/.test(f));
    expect(logs).toHaveLength(1);
    const events = readFileSync(join(home, 'logs', logs[0]!), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { event: string; reason?: string });
    expect(events[0]!.event).toBe('session_start');
    expect(events.at(-1)).toMatchObject({ event: 'session_stop', reason: 'duration_elapsed' });

    const uptime = rustybt(['analyze-uptime'], env, ROOT);
    expect(uptime.code).toBe(0);
    expect(uptime.stdout).toMatch(/^uptime 100/);
  });

  it('resumes the same session where it stopped and prints a JSON summary with --json', () => {
    const args = ['--json', 'paper-trade', '--strategy', 'examples/sma-crossover.ts', '--session', 'replayed', '--data', 'replay:sim', '--speed', 'max'];
    const first = rustybt([...args, '--duration', '150ms'], env, ROOT);
    expect(first.code).toBe(0);
    const a = JSON.parse(first.stdout) as { resumed: boolean; barsTotal: number; reason: string };
    expect(a.resumed).toBe(false);
    const second = rustybt(args, env, ROOT);
    expect(second.code).toBe(0);
    const b = JSON.parse(second.stdout) as { resumed: boolean; barsTotal: number; barsThisRun: number; reason: string; fillsTotal: number };
    expect(b).toMatchObject({ resumed: true, reason: 'completed', barsTotal: 1000 });
    expect(b.barsThisRun).toBe(1000 - a.barsTotal);
    expect(b.fillsTotal).toBeGreaterThan(0);
  });

  it('refuses to resume a session with different flags', () => {
    const r = rustybt(['paper-trade', '--strategy', 'examples/buy-and-hold.ts', '--session', 'replayed', '--data', 'replay:sim'], env, ROOT);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toMatch(
      /^error: session 'replayed' was started differently \(--strategy was .*sma-crossover\.ts, now .*buy-and-hold\.ts.*\)\. Resume it with the same flags, or pick a new --session$/,
    );
    const other = rustybt(
      ['paper-trade', '--strategy', 'examples/sma-crossover.ts', '--session', 'replayed', '--data', 'replay:sim', '--interval', '1h'],
      env,
      ROOT,
    );
    expect(other.code).toBe(2);
    expect(other.stderr.trim()).toMatch(/\(--interval was 1m, now 1h\)/);
  });

  it('replays hourly bars with --interval 1h: the state file holds bars an hour apart', () => {
    const r = rustybt(
      ['--json', 'paper-trade', '--strategy', 'examples/sma-crossover.ts', '--session', 'hourly', '--data', 'replay:sim', '--interval', '1h', '--speed', 'max'],
      env,
      ROOT,
    );
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ reason: 'completed', barsTotal: 1000 });
    const status = rustybt(['--json', 'status', '--session', 'hourly'], env, ROOT);
    expect(status.code).toBe(0);
    // 1000 hourly bars from the sim's anchor (2020-01-01): the last one is 999 hours later.
    expect(JSON.parse(status.stdout)).toMatchObject({ lastBarTime: new Date(Date.UTC(2020, 0, 1) + 999 * 3_600_000).toISOString() });
  });

  it('reports bad input on one line with exit 2', () => {
    const cases: [string[], RegExp][] = [
      [['paper-trade'], /^error: required option '--strategy <file>' not specified/],
      [['paper-trade', '--strategy', 'nope.ts'], /^error: strategy file \S*nope\.ts not found\. Check the --strategy path$/],
      [
        ['paper-trade', '--strategy', 'examples/sma-crossover.ts', '--broker', 'co inbase'],
        /^error: unknown --broker 'co inbase'\. Use paper or a ccxt exchange id such as binance or bybit$/,
      ],
      [
        ['paper-trade', '--strategy', 'examples/sma-crossover.ts', '--broker', 'binance'],
        /^error: --broker binance without --testnet or --api-url would trade real money at binance\. .*or use rustybt live-trade$/,
      ],
      [
        ['paper-trade', '--strategy', 'examples/sma-crossover.ts', '--data', 'csv:prices.csv'],
        /^error: --data 'csv:prices\.csv' is not available to the runner\. Use sim, replay:sim, replay:csv:<file-or-dir>, yahoo \(Yahoo's bars as they close\) or ccxt:<exchange> \(the venue's live bars\)$/,
      ],
      [
        ['paper-trade', '--strategy', 'examples/sma-crossover.ts', '--data', 'yahoo', '--interval', '4h'],
        /^error: Yahoo has no 4h bars\. Use --interval 1m, 5m, 15m, 30m, 1h, 1d, 1w$/,
      ],
      [['paper-trade', '--strategy', 'examples/sma-crossover.ts', '--duration', 'forever'], /^error: bad --duration 'forever'\. Give a duration/],
      [['paper-trade', '--strategy', 'examples/sma-crossover.ts', '--param', 'fast'], /^error: bad --param 'fast': expected key=value/],
      [['paper-trade', '--strategy', 'examples/sma-crossover.ts', '--capital', '-5'], /^error: bad --capital '-5'\. Give a positive amount/],
      [['paper-trade', '--strategy', 'examples/sma-crossover.ts', '--port', '70000'], /^error: bad --port '70000'/],
    ];
    for (const [args, message] of cases) {
      const r = rustybt(args, env, ROOT);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(r.stderr.trim(), args.join(' ')).toMatch(message);
    }
    expect(existsSync(join(home, 'state', 'nope.db'))).toBe(false);
  });
});
