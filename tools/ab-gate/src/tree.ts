import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { GateError } from './gate-error';

interface Workspace {
  name: string;
  dir: string;
  buildScript?: string;
  ours: string[];
}

const WORKSPACE_FOLDERS = ['libs', 'apps', 'tools'];

function readJson(path: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
}

/** The @rustybt/* packages of a tree, with the ones each depends on. */
export function workspacesOf(root: string): Workspace[] {
  const out: Workspace[] = [];
  for (const folder of WORKSPACE_FOLDERS) {
    const base = join(root, folder);
    if (!existsSync(base)) continue;
    for (const entry of readdirSync(base)) {
      const pkgPath = join(base, entry, 'package.json');
      if (!existsSync(pkgPath)) continue;
      const pkg = readJson(pkgPath) as {
        name: string;
        scripts?: Record<string, string>;
        dependencies?: Record<string, string>;
        devDependencies?: Record<string, string>;
      };
      const deps = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies }).filter((d) => d.startsWith('@rustybt/'));
      out.push({ name: pkg.name, dir: join(base, entry), ...(pkg.scripts?.build ? { buildScript: pkg.scripts.build } : {}), ours: deps });
    }
  }
  return out;
}

/**
 * Gives an exported tree the installed dependencies of `source` without installing anything:
 * its node_modules links to source's packages, except our own @rustybt/* packages, which link to
 * the tree's own workspaces so that each build runs its own code.
 */
export function linkDependencies(tree: string, source: string): void {
  const nm = join(tree, 'node_modules');
  mkdirSync(join(nm, '@rustybt'), { recursive: true });
  for (const entry of readdirSync(join(source, 'node_modules'))) {
    if (entry === '@rustybt' || entry === '.package-lock.json') continue;
    symlinkSync(join(source, 'node_modules', entry), join(nm, entry));
  }
  for (const ws of workspacesOf(tree)) {
    symlinkSync(ws.dir, join(nm, '@rustybt', ws.name.slice('@rustybt/'.length)));
    // Workspaces may have nested node_modules (versions that differ from the root's).
    const nested = join(source, ws.dir.slice(tree.length), 'node_modules');
    if (existsSync(nested) && !existsSync(join(ws.dir, 'node_modules'))) symlinkSync(nested, join(ws.dir, 'node_modules'));
  }
}

/** `target` and every @rustybt package it depends on, dependencies first. */
export function buildOrder(workspaces: Workspace[], target: string): Workspace[] {
  const byName = new Map(workspaces.map((w) => [w.name, w]));
  const order: Workspace[] = [];
  const seen = new Set<string>();
  const visit = (name: string) => {
    if (seen.has(name)) return;
    seen.add(name);
    const ws = byName.get(name);
    if (!ws) throw new GateError(`the tree has no package ${name}. Is this revision from before ${name} existed?`);
    for (const dep of ws.ours) if (byName.has(dep)) visit(dep);
    order.push(ws);
  };
  visit(target);
  return order;
}

/** Builds the CLI of a tree and what it depends on, with each package's own build script. */
export function buildCli(tree: string, log: (line: string) => void): void {
  const env = { ...process.env, PATH: `${join(tree, 'node_modules', '.bin')}:${process.env.PATH ?? ''}` };
  for (const ws of buildOrder(workspacesOf(tree), '@rustybt/cli')) {
    if (!ws.buildScript) continue;
    log(`  build ${ws.name}`);
    const r = spawnSync('sh', ['-c', ws.buildScript], { cwd: ws.dir, env, encoding: 'utf8', maxBuffer: 1 << 26 });
    if (r.status !== 0) {
      const why =
        `${r.stderr}\n${r.stdout}`
          .split('\n')
          .find((l) => /error/i.test(l))
          ?.trim() ?? `exit code ${r.status}`;
      throw new GateError(`building ${ws.name} in ${tree} failed: ${why}. Fix the build of that revision or pick another`);
    }
  }
}
