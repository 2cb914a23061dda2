import { closeSync, mkdtempSync, readdirSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createTempBeside, syncFile, syncFolder } from './durable';

let dir: string | undefined;
afterEach(() => dir && rmSync(dir, { recursive: true, force: true }));

describe('durable file helpers', () => {
  it('creates an owner-only temp file beside the target, under a fresh random name each time', () => {
    dir = mkdtempSync(join(tmpdir(), 'rustybt-durable-'));
    const target = join(dir, 'archive.tar.gz');
    const a = createTempBeside(target);
    const b = createTempBeside(target);
    writeSync(a.fd, 'x');
    closeSync(a.fd);
    closeSync(b.fd);
    expect(a.path).not.toBe(b.path);
    for (const t of [a, b]) {
      expect(t.path).toMatch(/\/\.archive\.tar\.gz\.[0-9a-f]{12}\.tmp$/);
      expect(statSync(t.path).mode & 0o777).toBe(0o600);
    }
    syncFile(a.path);
    syncFolder(dir);
    expect(readdirSync(dir)).toHaveLength(2);
  });
});
