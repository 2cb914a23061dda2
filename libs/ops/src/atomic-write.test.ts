import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { writeFileAtomic } from './atomic-write';

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
  expect(() => writeFileAtomic(join(dir), 'x')).toThrow();
  expect(readFileSync(target, 'utf8')).toBe('keep');
  expect(readdirSync(dir)).toEqual(['out.json']);
});
