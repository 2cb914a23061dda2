import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { syntheticResult } from '../test/result-fixtures';
import { parseResultFile, ResultFileError, serializeResultFile } from './result-file';

describe('result files', () => {
  it('round-trips through JSON', async () => {
    const file = await syntheticResult({ seed: 1, load: 1 });
    expect(parseResultFile(serializeResultFile(file), 'r.json')).toEqual(file);
  });

  it('names the file and the problem, with exit code 2', async () => {
    const bad = (text: string) => {
      try {
        parseResultFile(text, 'r.json');
      } catch (err) {
        expect(err).toBeInstanceOf(ResultFileError);
        expect((err as ResultFileError).exitCode).toBe(2);
        return (err as Error).message;
      }
      throw new Error('accepted');
    };
    expect(bad('{')).toMatch(/^r\.json is not JSON/);
    expect(bad('{"format":"other"}')).toMatch(/^r\.json is not a benchmark result file \(format "other", expected "rustybt-bench\/1"\)/);
    const file = JSON.parse(serializeResultFile(await syntheticResult({ seed: 1, load: 1 })));
    file.suites[0].cases[0].case.statsNs.median = -1;
    expect(bad(JSON.stringify(file))).toMatch(/^r\.json: suites\.0\.cases\.0\.case\.statsNs\.median: must be >= 0\. Pass a file written by/);
    delete file.machine;
    expect(bad(JSON.stringify(file))).toMatch(/^r\.json: machine: /);
  });

  it('never throws anything but ResultFileError on arbitrary input', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.json(),
          fc.jsonValue().map((v) => JSON.stringify({ format: 'rustybt-bench/1', v })),
        ),
        (text) => {
          try {
            parseResultFile(text, 'fuzz.json');
          } catch (err) {
            expect(err).toBeInstanceOf(ResultFileError);
          }
        },
      ),
    );
  });
});
