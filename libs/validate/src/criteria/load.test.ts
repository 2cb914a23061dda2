import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { CriteriaError } from '../errors';
import { DEFAULT_CRITERIA } from './defaults';
import { parseCriteria, readCriteriaFile } from './load';
import { renderCriteriaYaml } from './render-yaml';
import { thresholdsFor } from './schema';

const dir = mkdtempSync(join(tmpdir(), 'validate-criteria-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function errorOf(text: string): string {
  try {
    parseCriteria(text, 'c.yaml');
  } catch (err) {
    expect(err).toBeInstanceOf(CriteriaError);
    return (err as Error).message;
  }
  throw new Error('expected a CriteriaError');
}

describe('criteria defaults', () => {
  it('follow the upstream criteria', () => {
    expect(DEFAULT_CRITERIA.thresholds).toMatchObject({
      orderLatencyP99Ms: 50,
      throughputOpsPerSec: 1000,
      memoryMaxMb: 2048,
      cpuMaxPercent: 50,
      uptimePercent: 99.9,
      errorRatePercent: 0.1,
      rtoSeconds: 300,
      rpoSeconds: 60,
      maxCriticalVulnerabilities: 0,
      maxHighVulnerabilities: 0,
      paperTradingDays: 30,
    });
  });

  it('the rendered default file is commented YAML that parses back to the defaults', () => {
    const text = renderCriteriaYaml();
    expect(text).toContain('# Order submit-to-fill latency, p99, in milliseconds (at most)\n  orderLatencyP99Ms: 50');
    expect(parseCriteria(text)).toEqual(DEFAULT_CRITERIA);
  });

  it('an empty file is the defaults', () => {
    expect(parseCriteria('')).toEqual(DEFAULT_CRITERIA);
    expect(parseCriteria('# nothing\n')).toEqual(DEFAULT_CRITERIA);
  });
});

describe('a user criteria file', () => {
  it('merges over the defaults: thresholds key by key, a mode list replaces the default list', () => {
    const c = parseCriteria('thresholds:\n  orderLatencyP99Ms: 20\nmodes:\n  quick:\n    validators: [smoke]\n    thresholds: { cpuMaxPercent: 80 }\n');
    expect(c.thresholds.orderLatencyP99Ms).toBe(20);
    expect(c.thresholds.memoryMaxMb).toBe(2048);
    expect(c.modes.quick.validators).toEqual(['smoke']);
    expect(c.modes.quick.timeoutSeconds).toBe(DEFAULT_CRITERIA.modes.quick.timeoutSeconds);
    expect(c.modes.standard).toEqual(DEFAULT_CRITERIA.modes.standard);
    expect(thresholdsFor(c, 'quick')).toMatchObject({ cpuMaxPercent: 80, orderLatencyP99Ms: 20 });
    expect(thresholdsFor(c, 'standard').cpuMaxPercent).toBe(50);
    // The defaults object is not touched by a merge.
    expect(DEFAULT_CRITERIA.modes.quick.validators).toEqual(['smoke', 'strategy', 'security']);
  });

  it('an unknown key names the file, line and key, with a suggestion', () => {
    expect(errorOf('thresholds:\n  orderLatencyP99: 20\n')).toBe(
      "c.yaml:2: thresholds.orderLatencyP99: unknown key. did you mean 'orderLatencyP99Ms'? See 'rustybt validate criteria' for every key and its default",
    );
    expect(errorOf('modes:\n  quik: {}\n')).toMatch(/^c\.yaml:2: modes\.quik: unknown key\. did you mean 'quick'\?/);
    expect(errorOf('mode: {}\n')).toMatch(/^c\.yaml:1: mode: unknown key\. did you mean 'modes'\?/);
  });

  it('a bad value names its key and line', () => {
    expect(errorOf('thresholds:\n  uptimePercent: 120\n')).toMatch(/^c\.yaml:2: thresholds\.uptimePercent: .*100/);
    expect(errorOf('thresholds:\n  rtoSeconds: -1\n')).toMatch(/^c\.yaml:2: thresholds\.rtoSeconds: /);
    expect(errorOf('thresholds:\n  rtoSeconds: fast\n')).toMatch(/^c\.yaml:2: thresholds\.rtoSeconds: .*number/);
    expect(errorOf('modes:\n  quick:\n    validators: [smoke, nope]\n')).toMatch(
      /^c\.yaml:3: modes\.quick\.validators\.1: unknown validator "nope", expected one of smoke, strategy/,
    );
    expect(errorOf('modes:\n  quick:\n    validators: []\n')).toMatch(/modes\.quick\.validators: must list at least one validator/);
    expect(errorOf('modes:\n  quick:\n    validators: [smoke, smoke]\n')).toMatch(/lists a validator twice/);
    expect(errorOf('version: 2\n')).toMatch(/^c\.yaml:1: version: /);
  });

  it('bad YAML and a non-mapping are one line with the line number', () => {
    expect(errorOf('thresholds:\n  a: [1, 2\n')).toMatch(/^c\.yaml:\d+: .*Fix the YAML syntax$/);
    expect(errorOf('- 1\n- 2\n')).toMatch(/^c\.yaml:1: expected a mapping/);
    expect(errorOf('a: 1\na: 2\n')).toMatch(/^c\.yaml:2: .*Fix the YAML syntax$/);
  });

  it('reads a file; a missing file says what to do', () => {
    const path = join(dir, 'criteria.yaml');
    writeFileSync(path, 'thresholds: { rpoSeconds: 30 }\n');
    expect(readCriteriaFile(path).thresholds.rpoSeconds).toBe(30);
    expect(() => readCriteriaFile(join(dir, 'missing.yaml'))).toThrow(/missing\.yaml: file not found\. Check the --criteria path/);
  });

  it('fuzz: any text either parses to valid criteria or throws a one-line CriteriaError', () => {
    const keys = [
      'thresholds',
      'modes',
      'version',
      'quick',
      'standard',
      'validators',
      'timeoutSeconds',
      'orderLatencyP99Ms',
      'uptimePercent',
      '__proto__',
      'constructor',
      '<<',
    ];
    const scalar = fc.oneof(
      fc.double(),
      fc.integer(),
      fc.string(),
      fc.boolean(),
      fc.constant(null),
      fc.constantFrom('smoke', 'risk', '*a', '&a x', '!!binary', '~'),
    );
    const tree = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: 'small' },
        scalar,
        fc.array(tie('node'), { maxLength: 3 }),
        fc.dictionary(fc.constantFrom(...keys), tie('node'), { maxKeys: 4 }),
      ),
    })).node;
    const yamlish = fc.oneof(
      fc.string(),
      tree.map((t) => JSON.stringify(t)),
      fc
        .array(fc.tuple(fc.constantFrom(...keys), fc.nat(4), fc.oneof(fc.string(), fc.constantFrom(': [', '{', '- x', '&a [1]', '*a', '"\\u0000'))), {
          maxLength: 8,
        })
        .map((lines) => lines.map(([k, indent, v]) => `${' '.repeat(indent)}${k}: ${v}`).join('\n')),
    );
    fc.assert(
      fc.property(yamlish, (text) => {
        try {
          const c = parseCriteria(text, 'f.yaml');
          expect(c.version).toBe(1);
        } catch (err) {
          if (!(err instanceof CriteriaError)) throw err;
          expect(err.message).not.toContain('\n');
          expect(err.message.startsWith('f.yaml')).toBe(true);
        }
      }),
      { numRuns: 600 },
    );
  });

  it('an alias bomb is refused, not expanded', () => {
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x, x]',
      'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]',
      'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]',
      'd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]',
      'e: [*d, *d, *d, *d, *d, *d, *d, *d, *d]',
    ].join('\n');
    expect(errorOf(bomb)).toMatch(/^c\.yaml: /);
  });
});
