import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CliError } from '../errors';

const SKIP_DIRS = new Set(['node_modules', 'dist', '.git', '.nx', 'coverage']);

/** The markdown files to audit: the given files and folders, else README.md, docs/ and every package README. */
export function docFiles(cwd: string, paths: readonly string[]): string[] {
  return paths.length > 0 ? paths.flatMap((p) => expand(resolve(cwd, p), true)) : defaultFiles(cwd);
}

function defaultFiles(cwd: string): string[] {
  const files = [join(cwd, 'README.md'), ...expand(join(cwd, 'docs'), false)];
  for (const group of ['libs', 'apps', 'tools']) {
    const dir = join(cwd, group);
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir).sort()) files.push(join(dir, name, 'README.md'));
  }
  return files.filter((f) => existsSync(f));
}

function expand(path: string, required: boolean): string[] {
  if (!existsSync(path)) {
    if (required) throw new CliError(`${path}: no such file or folder. Check the path`);
    return [];
  }
  if (!statSync(path).isDirectory()) return [path];
  const entries = readdirSync(path, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return entries.flatMap((entry) => {
    if (entry.isDirectory()) return SKIP_DIRS.has(entry.name) ? [] : expand(join(path, entry.name), false);
    return entry.name.endsWith('.md') ? [join(path, entry.name)] : [];
  });
}
