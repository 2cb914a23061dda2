import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rustybt } from './run-cli';

const home = mkdtempSync(join(tmpdir(), 'rustybt-bench-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));
const env = { RUSTYBT_HOME: home };
const file = (name: string) => join(home, name);

interface ResultFile {
  format: string;
  machine: { cpuModel: string; cores: number; nodeVersion: string };
  suites: {
    name: string;
    cases: { name: string; ratio?: number; case: { statsNs: { median: number; n: number } }; goals: { goal: string; met: boolean }[] }[];
  }[];
}

/** A copy of a result file with every case's median cost multiplied by `factor`. */
function scaled(source: string, target: string, factor: number): void {
  const data = JSON.parse(readFileSync(source, 'utf8')) as ResultFile;
  for (const s of data.suites) for (const c of s.cases) c.case.statsNs.median *= factor;
  writeFileSync(target, JSON.stringify(data));
}

describe('rustybt benchmark', () => {
  beforeAll(() => {
    const r = rustybt(['benchmark', '--suite', 'startup', '--quick', '--iterations', '3', '--output', file('run.json')], env);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  it('offers only the suites in the registry', () => {
    const r = rustybt(['benchmark', '--help'], env);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/choices:\s+[^)]*"startup"[^)]*"all"/);
  });

  it('measures the startup suite against node -e 0 and writes a result file', () => {
    const data = JSON.parse(readFileSync(file('run.json'), 'utf8')) as ResultFile;
    expect(data.format).toBe('rustybt-bench/1');
    expect(data.machine.cores).toBeGreaterThan(0);
    const c = data.suites[0]!.cases[0]!;
    expect(c.name).toBe('rustybt --help');
    expect(c.case.statsNs.n).toBe(3);
    expect(c.ratio).toBeGreaterThan(0);
    expect(c.goals.map((g) => g.goal)).toEqual(['ratio <= 2']);
  });

  it('prints the result as JSON with --json', () => {
    const r = rustybt(['--json', 'benchmark', '--suite', 'startup', '--quick', '--iterations', '2'], env);
    expect(r.code).toBe(0);
    const data = JSON.parse(r.stdout) as ResultFile;
    expect(data.suites.map((s) => s.name)).toEqual(['startup']);
  });

  it('compares two result files: no change for the same file, exit 1 for a 50% slower one', () => {
    const same = rustybt(['benchmark', 'compare', file('run.json'), file('run.json')], env);
    expect(same.code).toBe(0);
    expect(same.stdout).toMatch(/startup\/rustybt --help .* no change/);
    scaled(file('run.json'), file('slow.json'), 1.5);
    const slow = rustybt(['benchmark', 'compare', file('run.json'), file('slow.json')], env);
    expect(slow.code).toBe(1);
    expect(slow.stdout).toMatch(/\+50\.0% +regression/);
    const tolerant = rustybt(['--json', 'benchmark', 'compare', '--threshold', '60', file('run.json'), file('slow.json')], env);
    expect(tolerant.code).toBe(0);
    expect((JSON.parse(tolerant.stdout) as { regressions: number }).regressions).toBe(0);
  });

  it('exits 1 when this run regressed against --baseline', () => {
    // A baseline ten times faster than anything this machine can do: a certain regression.
    scaled(file('run.json'), file('fast.json'), 0.1);
    const r = rustybt(['benchmark', '--suite', 'startup', '--quick', '--iterations', '2', '--baseline', file('fast.json')], env);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`compared with ${file('fast.json')}:`);
    expect(r.stdout).toMatch(/startup\/rustybt --help .* regression/);
  });

  it('rejects bad or mismatched result files with exit 2 and one clear line', () => {
    writeFileSync(file('garbage.json'), '{"format": "rustybt-bench/1", "suites": [');
    writeFileSync(file('other.json'), '{"format": "something-else"}');
    const data = JSON.parse(readFileSync(file('run.json'), 'utf8')) as ResultFile;
    data.suites[0]!.name = 'backtest-old';
    writeFileSync(file('mismatch.json'), JSON.stringify(data));
    delete (data as Partial<ResultFile>).machine;
    writeFileSync(file('invalid.json'), JSON.stringify(data));
    const cases: [string[], RegExp][] = [
      [
        ['benchmark', 'compare', file('run.json'), file('garbage.json')],
        /^error: .*garbage\.json is not JSON .*Pass a file written by 'rustybt benchmark --output'$/,
      ],
      [['benchmark', 'compare', file('other.json'), file('run.json')], /^error: .*other\.json is not a benchmark result file \(format "something-else"/],
      [['benchmark', 'compare', file('run.json'), file('invalid.json')], /^error: .*invalid\.json: machine: /],
      [
        ['benchmark', 'compare', file('run.json'), file('mismatch.json')],
        /^error: .*have no case in common \(suites startup vs backtest-old\)\. Compare results of the same suite$/,
      ],
      [['benchmark', 'compare', file('run.json'), file('missing.json')], /^error: cannot read result file .*missing\.json \(ENOENT\)\. Check the path$/],
      [
        ['benchmark', '--suite', 'startup', '--baseline', file('mismatch.json')],
        /^error: .*mismatch\.json holds suite\(s\) backtest-old, not startup\. Pass a baseline of the same suite$/,
      ],
      [['benchmark', '--suite', 'startup', '--baseline', file('garbage.json')], /is not JSON/],
    ];
    for (const [args, message] of cases) {
      const r = rustybt(args, env);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(r.stderr.trim()).toMatch(message);
    }
  });

  it('rejects bad flags with exit 2', () => {
    expect(rustybt(['benchmark', '--suite', 'nope'], env).code).toBe(2);
    const none = rustybt(['benchmark'], env);
    expect(none.code).toBe(2);
    expect(none.stderr.trim()).toMatch(/^error: no suite chosen\. Pass --suite <startup.*all>$/);
    expect(rustybt(['benchmark', '--suite', 'startup', '--iterations', '0'], env).code).toBe(2);
    expect(rustybt(['benchmark', 'compare', '--threshold', 'abc', 'a', 'b'], env).code).toBe(2);
  });
});
