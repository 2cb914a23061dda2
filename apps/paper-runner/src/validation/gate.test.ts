import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ValidationResult } from '@rustybt/validate';
import { loadRunnerConfig } from '../config/load-runner-config';
import { attestationFor, findLockfile } from './attest';
import { GateRefusedError, gateRefusal, requireValidation } from './gate';
import { latestResultPath, readLatestResult, saveLatestResult } from './latest-result';

let home: string | undefined;
afterEach(() => {
  if (home) rmSync(home, { recursive: true, force: true });
  home = undefined;
});

function setup(config = 'validation:\n  required: true\n  maxAgeHours: 12\n') {
  home = mkdtempSync(join(tmpdir(), 'rustybt-gate-test-'));
  mkdirSync(join(home, 'config'), { recursive: true, mode: 0o700 });
  writeFileSync(join(home, 'config', 'config.yaml'), config, { mode: 0o600 });
  const strategy = join(home, 'strategy.ts');
  writeFileSync(strategy, 'export default { onBar() {} };\n');
  const loaded = loadRunnerConfig({ env: { RUSTYBT_HOME: home } as NodeJS.ProcessEnv, cwd: home });
  const now = Date.UTC(2025, 5, 1, 12);
  const result = (over: Partial<ValidationResult> = {}): ValidationResult => ({
    verdict: 'ready-with-caveats',
    mode: 'standard',
    startedAt: new Date(now - 3_600_000).toISOString(),
    durationMs: 1,
    attestation: attestationFor(strategy, loaded, findLockfile(), '1.2.3'),
    validators: [],
    ...over,
  });
  return { strategy, loaded, now, result, input: { flag: false, loaded, strategyFile: strategy, version: '1.2.3', now } };
}

describe('the go-live gate', () => {
  it('lets a recent passing result for this strategy, config and lockfile through', () => {
    const { result, input } = setup();
    expect(gateRefusal(result(), input, 'latest.json')).toBeUndefined();
  });

  it('refuses no result, not ready, quick mode, too old, and anything changed since', () => {
    const { result, input, strategy } = setup();
    expect(gateRefusal(undefined, input, 'latest.json')).toMatch(/^no validation result in latest.json/);
    expect(gateRefusal(result({ verdict: 'not-ready' }), input, 'x')).toMatch(/says not ready/);
    expect(gateRefusal(result({ mode: 'quick' }), input, 'x')).toMatch(/quick mode/);
    expect(gateRefusal(result({ startedAt: new Date(input.now - 13 * 3_600_000).toISOString() }), input, 'x')).toMatch(
      /13\.0 h old, older than validation.maxAgeHours \(12\)/,
    );
    const r = result();
    writeFileSync(strategy, 'export default { onBar() { /* changed */ } };\n');
    expect(gateRefusal(r, input, 'x')).toMatch(/^the strategy file changed since/);
    expect(gateRefusal(r, { ...input, version: '9.9.9', strategyFile: strategy }, 'x')).toMatch(/the strategy file, the rustybt version changed/);
  });

  it('reads the stored result (0600) and throws exit 1 when required and refused', () => {
    const { result, input, loaded } = setup();
    expect(() => requireValidation(input)).toThrow(GateRefusedError);
    expect(() => requireValidation(input)).toThrow(
      expect.objectContaining({ exitCode: 1, message: expect.stringMatching(/^go-live gate: no validation result/) }),
    );
    const path = saveLatestResult(loaded.layout, result({ startedAt: new Date().toISOString() }));
    expect(path).toBe(latestResultPath(loaded.layout));
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readLatestResult(loaded.layout)?.verdict).toBe('ready-with-caveats');
    expect(requireValidation({ ...input, now: Date.now() })).toMatch(/passed and matches/);
  });

  it('does nothing unless asked by flag or config', () => {
    const { input } = setup('');
    expect(requireValidation(input)).toBeUndefined();
    expect(() => requireValidation({ ...input, flag: true })).toThrow(/go-live gate/);
  });
});
