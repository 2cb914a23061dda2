import { chmodSync, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { EngineInputError } from '../errors';
import type { Strategy } from './types';

/**
 * `@rustybt/engine` inside a user's strategy file resolves to this very engine, wherever the file
 * lives: the strategy and the run share one module (and a file outside any project still loads).
 */
function engineEntry(): string {
  const here = fileURLToPath(import.meta.url);
  return here.endsWith('.ts') ? resolve(dirname(here), '../index.ts') : here;
}

const oneLine = (s: string) =>
  s
    .replace(/\s*\n\s*/g, ' ')
    .trim()
    .replace(/\.$/, '');

export interface LoadStrategyOptions {
  /**
   * A folder only this user can write (it is created 0700) to keep transpiled strategies in, keyed
   * by their source: a second run of an unchanged file skips the TypeScript transform (about half
   * a second). Without it every load transpiles afresh. Never a shared folder such as /tmp: a
   * file planted there would run as the strategy.
   */
  cacheDir?: string;
}

/**
 * Loads a strategy from a TypeScript or JavaScript file at run time. The module's default export (or
 * a named `strategy` export) is a strategy object, a factory returning one, or a class.
 * Every problem is an EngineInputError naming the file.
 */
export async function loadStrategy(file: string, options: LoadStrategyOptions = {}): Promise<Strategy> {
  const path = resolve(file);
  if (!existsSync(path) || !statSync(path).isFile()) {
    throw new EngineInputError(`strategy file ${file} not found. Check the --strategy path`);
  }
  // Loaded on first use: the transpiler is heavy, and most processes importing the engine never load a strategy.
  const { createJiti } = await import('jiti');
  const cacheDir = options.cacheDir === undefined ? undefined : ownerOnlyDir(options.cacheDir);
  const jiti = createJiti(pathToFileURL(path).href, {
    alias: { '@rustybt/engine': engineEntry() },
    moduleCache: false,
    fsCache: cacheDir ?? false,
    interopDefault: true,
  });
  let mod: Record<string, unknown>;
  try {
    mod = (await jiti.import(path)) as Record<string, unknown>;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    throw new EngineInputError(`cannot load strategy ${file}: ${oneLine(message)}. Fix the file and run again`);
  } finally {
    if (cacheDir !== undefined) ownerOnlyFiles(cacheDir);
  }
  // jiti's default interop may hand back the namespace as `default`: take the first export that looks like a strategy.
  const looksRight = (x: unknown) => typeof x === 'function' || (typeof x === 'object' && x !== null && typeof (x as { onBar?: unknown }).onBar === 'function');
  const candidates = [mod?.default, mod?.strategy, mod];
  return toStrategy(candidates.find(looksRight) ?? mod?.default ?? mod, file);
}

export function toStrategy(exported: unknown, file: string): Strategy {
  let candidate = exported;
  if (typeof candidate === 'function') {
    const fn = candidate as { prototype?: { onBar?: unknown } } & ((...a: unknown[]) => unknown);
    try {
      candidate = typeof fn.prototype?.onBar === 'function' ? new (fn as unknown as new () => unknown)() : fn();
    } catch (err) {
      throw new EngineInputError(
        `strategy ${file} failed to construct: ${oneLine(err instanceof Error ? err.message : String(err))}. Fix the file and run again`,
      );
    }
  }
  const s = candidate as Partial<Strategy> | null;
  if (!s || typeof s !== 'object' || typeof s.onBar !== 'function') {
    throw new EngineInputError(`${file} does not export a strategy. Export default an object with an onBar(ctx, bar) function (see defineStrategy)`);
  }
  for (const hook of ['onInit', 'onFill', 'onOrder', 'onStop'] as const) {
    if (s[hook] !== undefined && typeof s[hook] !== 'function')
      throw new EngineInputError(`strategy ${file}: ${hook} must be a function. Fix the file and run again`);
  }
  if (s.params !== undefined) {
    if (typeof s.params !== 'object' || s.params === null)
      throw new EngineInputError(`strategy ${file}: params must be an object of defaults. Fix the file and run again`);
    for (const [k, v] of Object.entries(s.params)) {
      if (!['number', 'string', 'boolean'].includes(typeof v))
        throw new EngineInputError(`strategy ${file}: param '${k}' must default to a number, string or boolean. Fix the file and run again`);
    }
  }
  if (s.historySize !== undefined && !(Number.isInteger(s.historySize) && s.historySize > 0)) {
    throw new EngineInputError(`strategy ${file}: historySize must be a positive integer. Fix the file and run again`);
  }
  return s as Strategy;
}

/** The cache folder, created owner-only; a folder it cannot create or that others can write is not used. */
function ownerOnlyDir(dir: string): string | undefined {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const st = statSync(dir);
    if (!st.isDirectory() || (st.mode & 0o077) !== 0 || (typeof process.getuid === 'function' && st.uid !== process.getuid())) return undefined;
    return dir;
  } catch {
    return undefined;
  }
}

/** jiti writes its cache files with the default mode: make them owner-only like everything under RUSTYBT_HOME. */
function ownerOnlyFiles(dir: string): void {
  try {
    for (const name of readdirSync(dir)) {
      const file = join(dir, name);
      if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
    }
  } catch {
    // A cache is an optimisation: failing to tidy it never fails the load.
  }
}
