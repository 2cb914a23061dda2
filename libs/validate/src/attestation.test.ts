import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { sampleResult } from '../test/sample-result';
import { attestationMismatches, attestationOf, parseValidationResult } from './attestation';
import { ValidateInputError } from './errors';
import { renderJson } from './render/json';

const dir = mkdtempSync(join(tmpdir(), 'validate-attest-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('attestation', () => {
  it('hashes the files that exist and names the fields that changed', () => {
    const strategy = join(dir, 's.ts');
    writeFileSync(strategy, 'export default {}\n');
    const a = attestationOf({ strategyPath: strategy, configPath: join(dir, 'none.yaml'), lockfilePath: null, rustybtVersion: '0.1.0' });
    expect(a).toEqual({ strategySha256: expect.stringMatching(/^[0-9a-f]{64}$/), configSha256: null, lockfileSha256: null, rustybtVersion: '0.1.0' });
    writeFileSync(strategy, 'export default { changed: true }\n');
    const b = attestationOf({ strategyPath: strategy, rustybtVersion: '0.1.1' });
    expect(attestationMismatches(a, b)).toEqual(['strategySha256', 'rustybtVersion']);
  });
});

describe('parseValidationResult', () => {
  it('reads back what renderJson wrote', () => {
    expect(parseValidationResult(renderJson(sampleResult()))).toEqual(sampleResult());
  });

  it('names the key of a bad stored result', () => {
    const r = JSON.parse(renderJson(sampleResult()));
    r.validators[1].checks[0].status = 'OK';
    expect(() => parseValidationResult(JSON.stringify(r), 'last.json')).toThrow(/^last\.json: validators\.1\.checks\.0\.status: /);
    expect(() => parseValidationResult('{', 'last.json')).toThrow("last.json: not JSON. Write it with 'rustybt validate --json'");
  });

  it('fuzz: any text is a result or a ValidateInputError', () => {
    const good = renderJson(sampleResult());
    const mutated = fc
      .tuple(fc.nat(good.length), fc.nat(20), fc.string({ maxLength: 5 }))
      .map(([at, cut, ins]) => good.slice(0, at) + ins + good.slice(at + cut));
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json(), mutated), (text) => {
        try {
          parseValidationResult(text);
        } catch (err) {
          expect(err).toBeInstanceOf(ValidateInputError);
        }
      }),
      { numRuns: 400 },
    );
  });
});
