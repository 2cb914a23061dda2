import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { writeFileAtomic } from './atomic-write';
import { InputError } from '../errors';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
const scratch = () => {
  const dir = mkdtempSync(join(tmpdir(), 'rustybt-aw-'));
  dirs.push(dir);
  return dir;
};
const modeOf = (p: string) => statSync(p).mode & 0o777;

it('replaces the file whole and leaves no temp file behind', () => {
  const dir = scratch();
  const target = join(dir, 'sub', 'out.json');
  writeFileAtomic(target, 'one');
  writeFileAtomic(target, 'two');
  expect(readFileSync(target, 'utf8')).toBe('two');
  expect(readdirSync(join(dir, 'sub'))).toEqual(['out.json']);
});

it('creates new files 0600 and missing folders 0700, whatever the umask', () => {
  const dir = scratch();
  const old = process.umask(0o000);
  try {
    writeFileAtomic(join(dir, 'a', 'b', 'report.json'), '{}');
  } finally {
    process.umask(old);
  }
  expect(modeOf(join(dir, 'a', 'b', 'report.json'))).toBe(0o600);
  expect(modeOf(join(dir, 'a'))).toBe(0o700);
  expect(modeOf(join(dir, 'a', 'b'))).toBe(0o700);
});

it('keeps the mode an existing file was given, and an explicit mode wins', () => {
  const dir = scratch();
  const target = join(dir, 'shared.txt');
  writeFileSync(target, 'x');
  chmodSync(target, 0o640);
  writeFileAtomic(target, 'y');
  expect(modeOf(target)).toBe(0o640);
  writeFileAtomic(target, 'z', { mode: 0o600 });
  expect(modeOf(target)).toBe(0o600);
  expect(readFileSync(target, 'utf8')).toBe('z');
});

it('leaves the old content when the write fails', () => {
  const dir = scratch();
  const target = join(dir, 'out.json');
  writeFileAtomic(target, 'keep');
  // A directory where the temp file's rename target should be makes rename fail.
  expect(() => writeFileAtomic(join(dir), 'x')).toThrowError(InputError);
  expect(readFileSync(target, 'utf8')).toBe('keep');
  expect(readdirSync(dir)).toEqual(['out.json']);
});

it('names a path under a file, or on a file system that refuses folders, in one line (exit 2)', () => {
  const dir = scratch();
  writeFileAtomic(join(dir, 'file'), 'x');
  expect(() => writeFileAtomic(join(dir, 'file', 'out.json'), 'y')).toThrowError(
    /^cannot write .*file\/out\.json \(ENOTDIR\)\. Check the path and its permissions$/,
  );
  expect(() => writeFileAtomic('/proc/rustybt-no-such/out.json', 'y')).toThrowError(InputError);
});
