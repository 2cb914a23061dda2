import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkErrorLines, ErrorLineIndex } from '@rustybt/docs-audit';
import { errorLineIndex, errorLineIndexAt, printingSources, sourceRoot } from './error-line-sources';

const dir = mkdtempSync(join(tmpdir(), 'rustybt-error-lines-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const line = (text: string) => ({ file: 'doc.md', line: 1, text });

describe('the sources behind the quoted error lines', () => {
  it('are found from this module: the repository with apps/cli/src and libs/', () => {
    const root = sourceRoot();
    expect(root).toBeDefined();
    const files = printingSources(root!);
    expect(files.some((f) => f.endsWith(join('apps', 'cli', 'src', 'errors.ts')))).toBe(true);
    expect(files.some((f) => /\.test\.ts$/.test(f))).toBe(false);
  });

  it("know the CLI's real messages and not invented ones", () => {
    const index = errorLineIndex();
    expect(index).toBeInstanceOf(ErrorLineIndex);
    const real = [line("error: bad source 'yaho': unknown kind 'yaho'. Use [..]"), line('error: /tmp/missing.md: no such file or folder. Check the path')];
    expect(checkErrorLines(real, index as ErrorLineIndex)).toEqual([]);
    const invented = [line('error: the flux capacitor is not charged. Charge it first')];
    expect(checkErrorLines(invented, index as ErrorLineIndex)).toHaveLength(1);
  });

  it('are only <group>/<package>/src files, tests left out; none at all is a reason to skip', () => {
    mkdirSync(join(dir, 'libs', 'x', 'src'), { recursive: true });
    mkdirSync(join(dir, 'apps', 'cli', 'src'), { recursive: true });
    writeFileSync(join(dir, 'libs', 'x', 'src', 'a.ts'), "throw new Error('the flux capacitor is not charged');\n");
    writeFileSync(join(dir, 'libs', 'x', 'src', 'a.test.ts'), "expect('only a test says this line').toBe(1);\n");
    expect(printingSources(dir)).toEqual([join(dir, 'libs', 'x', 'src', 'a.ts')]);
    const index = errorLineIndexAt(dir) as ErrorLineIndex;
    expect(checkErrorLines([line('error: the flux capacitor is not charged')], index)).toEqual([]);
    expect(checkErrorLines([line('error: only a test says this line')], index)).toHaveLength(1);
    expect(errorLineIndexAt(undefined)).toEqual({ skipped: expect.stringContaining('not next to it') });
    expect(errorLineIndexAt(join(dir, 'libs', 'x'))).toEqual({ skipped: expect.stringContaining('no sources') });
  });
});
