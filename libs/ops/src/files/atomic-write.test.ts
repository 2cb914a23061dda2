import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { writeFileAtomic } from './atomic-write';
import { InputError } from './errors';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

it('replaces the file whole and leaves no temp file behind', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rustybt-aw-'));
  dirs.push(dir);
  const target = join(dir, 'sub', 'out.json');
  writeFileAtomic(target, 'one');
  writeFileAtomic(target, 'two');
  expect(readFileSync(target, 'utf8')).toBe('two');
  expect(readdirSync(join(dir, 'sub'))).toEqual(['out.json']);
});

it('leaves the old content when the write fails', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rustybt-aw-'));
  dirs.push(dir);
  const target = join(dir, 'out.json');
  writeFileAtomic(target, 'keep');
  // A directory where the temp file's rename target should be makes rename fail.
  expect(() => writeFileAtomic(join(dir), 'x')).toThrowError(InputError);
  expect(readFileSync(target, 'utf8')).toBe('keep');
  expect(readdirSync(dir)).toEqual(['out.json']);
});

it('names a path under a file, or on a file system that refuses folders, in one line (exit 2)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rustybt-aw-'));
  dirs.push(dir);
  writeFileAtomic(join(dir, 'file'), 'x');
  expect(() => writeFileAtomic(join(dir, 'file', 'out.json'), 'y')).toThrowError(/^cannot write .*file\/out\.json \(ENOTDIR\)\. Check the path and its permissions$/);
  expect(() => writeFileAtomic('/proc/rustybt-no-such/out.json', 'y')).toThrowError(InputError);
});
