import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ErrorLineIndex, stringLiterals } from '@rustybt/docs-audit';

const GROUPS = ['apps', 'libs', 'tools'] as const;
const SOURCE = /\.(ts|mts|cts|js|mjs|cjs)$/;
const NOT_PRINTED = /\.(test|spec|d)\.[cm]?[jt]s$/;

/**
 * The repository this CLI was built from: the first folder above this module holding apps/cli/src
 * and libs/ (apps/cli/dist when built, apps/cli/src/docs-audit under vitest). An installed CLI
 * without its sources has none.
 */
export function sourceRoot(from: string = fileURLToPath(import.meta.url)): string | undefined {
  let dir = dirname(from);
  for (let up = 0; up < 8; up++) {
    if (existsSync(join(dir, 'apps', 'cli', 'src')) && existsSync(join(dir, 'libs'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return undefined;
}

/** Source files whose strings the CLI and the runner can print: `<group>/<package>/src/**`, tests excluded. */
export function printingSources(root: string): string[] {
  const files: string[] = [];
  for (const group of GROUPS) {
    const dir = join(root, group);
    if (!existsSync(dir)) continue;
    for (const pkg of readdirSync(dir).sort()) walk(join(dir, pkg, 'src'), files);
  }
  return files;
}

function walk(dir: string, files: string[]) {
  if (!existsSync(dir)) return;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && entry.name !== '__tests__') walk(path, files);
    } else if (SOURCE.test(entry.name) && !NOT_PRINTED.test(entry.name)) files.push(path);
  }
}

/** The literals of this CLI's own sources, or why the quoted error lines cannot be checked. */
export const errorLineIndex = () => errorLineIndexAt(sourceRoot());

/** The literals of the sources under `root` (undefined: there are none). */
export function errorLineIndexAt(root: string | undefined): ErrorLineIndex | { skipped: string } {
  if (!root) return { skipped: 'the sources of this CLI are not next to it (run docs-audit from a clone of the repository)' };
  const files = printingSources(root);
  if (files.length === 0) return { skipped: `no sources under ${root}/{apps,libs,tools}/*/src` };
  return new ErrorLineIndex(files.flatMap((f) => stringLiterals(readFileSync(f, 'utf8'))));
}
