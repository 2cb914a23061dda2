import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EngineInputError } from '../errors';
import { loadStrategy } from './load-strategy';

const dir = mkdtempSync(join(tmpdir(), 'rustybt-strategy-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

describe('loadStrategy with a cache folder', () => {
  it('keeps the transpiled file owner-only, reuses it, and follows an edit of the source', async () => {
    const cache = join(dir, 'home', 'cache', 'strategies');
    const path = file('cached.ts', 'export default { name: "one", onBar(): void {} };');
    expect((await loadStrategy(path, { cacheDir: cache })).name).toBe('one');
    expect(statSync(cache).mode & 0o777).toBe(0o700);
    const [entry, ...more] = readdirSync(cache);
    expect(more).toEqual([]);
    expect(statSync(join(cache, entry!)).mode & 0o777).toBe(0o600);
    // A cache hit: the transpiled text is what runs, so changing it shows the file was reused.
    writeFileSync(join(cache, entry!), readFileSync(join(cache, entry!), 'utf8').replace('"one"', '"from-cache"'));
    expect((await loadStrategy(path, { cacheDir: cache })).name).toBe('from-cache');
    file('cached.ts', 'export default { name: "two", onBar(): void {} };');
    expect((await loadStrategy(path, { cacheDir: cache })).name).toBe('two');
  });

  it('leaves alone a cache folder others can write, and loads without it', async () => {
    const open = join(dir, 'open-cache');
    mkdirSync(open, { mode: 0o777 });
    chmodSync(open, 0o777);
    expect((await loadStrategy(file('uncached.ts', 'export default { name: "u", onBar(): void {} };'), { cacheDir: open })).name).toBe('u');
    expect(readdirSync(open)).toEqual([]);
  });
});

describe('loadStrategy', () => {
  it('loads a TypeScript file that imports @rustybt/engine from outside any project', async () => {
    const path = file(
      'typed.ts',
      `import { defineStrategy, type Bar } from '@rustybt/engine';
       const seen: Bar[] = [];
       export default defineStrategy({ params: { n: 3 }, onBar(_ctx, bar: Bar) { seen.push(bar); } });`,
    );
    const s = await loadStrategy(path);
    expect(s.params).toEqual({ n: 3 });
    expect(typeof s.onBar).toBe('function');
  });

  it('loads JavaScript, factories and classes', async () => {
    expect((await loadStrategy(file('plain.mjs', 'export default { onBar() {} };'))).onBar).toBeTypeOf('function');
    expect((await loadStrategy(file('cjs.cjs', 'module.exports = { onBar() {} };'))).onBar).toBeTypeOf('function');
    expect((await loadStrategy(file('factory.ts', 'export default () => ({ name: "f", onBar() {} });'))).name).toBe('f');
    expect((await loadStrategy(file('klass.ts', 'export default class S { name = "k"; onBar() {} }'))).name).toBe('k');
    expect((await loadStrategy(file('named.ts', 'export const strategy = { name: "n", onBar() {} };'))).name).toBe('n');
  });

  it('reports a missing file, a syntax error and a non-strategy as input errors on one line', async () => {
    const cases: [string, RegExp][] = [
      [join(dir, 'nope.ts'), /strategy file .*nope\.ts not found\. Check the --strategy path/],
      [file('broken.ts', 'export default { onBar( {'), /^cannot load strategy .*broken\.ts: .*\. Fix the file and run again$/],
      [file('empty.ts', 'export default { name: "x" };'), /does not export a strategy\. Export default an object with an onBar/],
      [file('badparams.ts', 'export default { params: { a: [1] }, onBar() {} };'), /param 'a' must default to a number, string or boolean/],
      [file('throws.ts', 'throw new Error("boom at load");'), /cannot load strategy .*throws\.ts: boom at load/],
    ];
    for (const [path, message] of cases) {
      const err = await loadStrategy(path).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(EngineInputError);
      expect((err as Error).message).toMatch(message);
      expect((err as Error).message).not.toContain('\n');
    }
  });
});
