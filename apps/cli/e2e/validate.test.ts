import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KNOWN_CHECK_IDS, validationResultSchema } from '@rustybt/validate';
import { findAll, parseHtml, textOf } from '@rustybt/validate/testing';
import { rustybt } from './run-cli';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const home = mkdtempSync(join(tmpdir(), 'rustybt-validate-e2e-'));
const env = { RUSTYBT_HOME: home };
afterAll(() => rmSync(home, { recursive: true, force: true }));

beforeAll(() => {
  // A short real session to validate: its state file and its logs.
  const r = rustybt(
    ['paper-trade', '--strategy', 'examples/sma-crossover.ts', '--session', 'demo', '--speed', '6000', '--heartbeat', '500ms', '--duration', '6s'],
    env,
    ROOT,
  );
  expect(r.code, r.stderr).toBe(0);
}, 120_000);

describe('rustybt validate', () => {
  it('--mode quick prints a verdict', () => {
    const r = rustybt(['validate', '--mode', 'quick'], env, ROOT);
    expect([0, 1]).toContain(r.code);
    expect(r.stdout).toMatch(/^Validation, quick mode$/m);
    expect(r.stdout).toMatch(/^Verdict: (Ready|Ready with caveats|Not ready) \(exit [01]\)$/m);
    for (const id of ['smoke', 'strategy', 'security']) expect(r.stdout).toMatch(new RegExp(`^  (PASS|WARN|FAIL|SKIP)  ${id} `, 'm'));
  }, 120_000);

  it('--json matches the contract schema, with an attestation', () => {
    const r = rustybt(['--json', 'validate', '--mode', 'quick', '--only', 'strategy'], env, ROOT);
    expect(r.code, r.stderr).toBe(0);
    const result = validationResultSchema.parse(JSON.parse(r.stdout));
    expect(result.mode).toBe('quick');
    expect(result.validators.map((v) => v.id)).toEqual(['strategy']);
    expect(result.attestation.strategySha256).toMatch(/^[0-9a-f]{64}$/);
    expect(result.attestation.lockfileSha256).toMatch(/^[0-9a-f]{64}$/);
    for (const c of result.validators[0]!.checks) expect(KNOWN_CHECK_IDS).toContain(c.id);
  }, 120_000);

  it('--output report.html writes a self-contained report that parses, a section per validator', () => {
    const out = join(home, 'report.html');
    const r = rustybt(['validate', '--session', 'demo', '--only', 'strategy,execution,paper-trading', '--output', out], env, ROOT);
    expect([0, 1]).toContain(r.code);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    const tree = parseHtml(readFileSync(out, 'utf8'));
    const sections = findAll(tree, (el) => el.attrs['data-validator'] !== undefined);
    expect(sections.map((s) => s.attrs['data-validator'])).toEqual(['strategy', 'execution', 'paper-trading']);
    expect(findAll(tree, (el) => el.tag === 'svg').length).toBeGreaterThanOrEqual(2);
    expect(findAll(tree, (el) => el.tag === 'script' || (el.tag === 'link' && el.attrs.rel === 'stylesheet'))).toEqual([]);
    const paper = sections.find((s) => s.attrs['data-validator'] === 'paper-trading')!;
    expect(findAll(paper, (el) => el.attrs['data-check'] === 'paper-trading.uptime').length).toBe(1);
    expect(textOf(tree)).toMatch(/Paper-trading validation/);
  }, 120_000);

  it('--output report.md writes the validation report with its sections', () => {
    const out = join(home, 'report.md');
    const r = rustybt(['validate', '--session', 'demo', '--only', 'strategy,execution,paper-trading', '--output', out], env, ROOT);
    expect([0, 1]).toContain(r.code);
    const headings = readFileSync(out, 'utf8')
      .split('\n')
      .filter((l) => l.startsWith('## ') || l.startsWith('### '))
      .map((l) => l.replace(/\): .*$/, ')'));
    expect(headings).toEqual(
      expect.arrayContaining([
        '## Executive summary',
        '## Order execution (`execution`)',
        '## Paper-trading validation (`paper-trading`)',
        '### Incidents',
        '## Brokers',
        '## Data',
        '## Docs audit',
        '## Conclusion',
        '## Attestation',
      ]),
    );
    expect(headings.indexOf('## Executive summary')).toBe(0);
    expect(headings.indexOf('## Conclusion')).toBeGreaterThan(headings.indexOf('## Docs audit'));
  }, 120_000);

  it('prints the default criteria, the checklist, and refuses bad input with exit 2', () => {
    const criteria = rustybt(['validate', 'criteria'], env, ROOT);
    expect(criteria.code).toBe(0);
    expect(criteria.stdout).toMatch(/orderLatencyP99Ms: 50/);
    const checklist = rustybt(['validate', '--mode', 'quick', '--only', 'strategy', '--checklist'], env, ROOT);
    expect(checklist.stdout).toMatch(/^# Production checklist$/m);
    expect(checklist.stdout).toMatch(/Proven by `strategy.loads`: PASS/);
    expect(checklist.stdout).toMatch(/Proven by `risk.max-position-enforced`: not run/);
    for (const args of [
      ['--only', 'riks'],
      ['--output', 'report.pdf'],
      ['--session', 'nope'],
      ['--mode', 'fast'],
    ]) {
      const bad = rustybt(['validate', ...args], env, ROOT);
      expect(bad.code, args.join(' ')).toBe(2);
      expect(bad.stderr.trim()).toMatch(/^error: [^\n]+$/);
    }
  }, 120_000);

  it('live-trade --require-validation refuses to start without a passing result, before any order', () => {
    const r = rustybt(
      [
        'live-trade',
        '--broker',
        'binance',
        '--strategy',
        'examples/sma-crossover.ts',
        '--confirm',
        '--max-notional-per-order',
        '100',
        '--max-daily-loss',
        '0.02',
        '--require-validation',
      ],
      { ...env, BINANCE_API_KEY: 'e2e-key-canary', BINANCE_API_SECRET: 'e2e-secret-canary' },
      ROOT,
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^error: go-live gate: no validation result in .*latest\.json\. Run 'rustybt validate --strategy .*sma-crossover\.ts' \(standard or thorough mode\) and fix what it reports$/m,
    );
    expect(`${r.stdout}${r.stderr}`).not.toContain('e2e-secret-canary');
  }, 120_000);
});
