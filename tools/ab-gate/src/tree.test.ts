import { mkdirSync, mkdtempSync, readlinkSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildOrder, linkDependencies, workspacesOf } from './tree';

const dir = mkdtempSync(join(tmpdir(), 'ab-gate-tree-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function pkg(root: string, folder: string, name: string, deps: Record<string, string> = {}, build = 'tsup') {
  mkdirSync(join(root, folder), { recursive: true });
  writeFileSync(join(root, folder, 'package.json'), JSON.stringify({ name, scripts: { build }, dependencies: deps }));
}

describe('trees', () => {
  const source = join(dir, 'source');
  const tree = join(dir, 'tree');
  for (const root of [source, tree]) {
    pkg(root, 'libs/engine', '@rustybt/engine', { 'decimal.js': '1' });
    pkg(root, 'libs/ops', '@rustybt/ops', { '@rustybt/engine': '0.1.0' });
    pkg(root, 'libs/bench', '@rustybt/bench');
    pkg(root, 'apps/cli', '@rustybt/cli', { '@rustybt/ops': '0.1.0', '@rustybt/bench': '0.1.0', commander: '14' });
  }
  mkdirSync(join(source, 'node_modules', 'zod'), { recursive: true });
  mkdirSync(join(source, 'node_modules', '@rustybt'), { recursive: true });
  mkdirSync(join(source, 'apps', 'cli', 'node_modules', 'commander'), { recursive: true });

  it('orders a package after the packages it depends on', () => {
    const order = buildOrder(workspacesOf(tree), '@rustybt/cli').map((w) => w.name);
    expect(order).toEqual(['@rustybt/engine', '@rustybt/ops', '@rustybt/bench', '@rustybt/cli']);
    expect(() => buildOrder(workspacesOf(tree), '@rustybt/nope')).toThrow(/has no package @rustybt\/nope/);
  });

  it('links third-party packages to the source install and our packages to the tree itself', () => {
    linkDependencies(tree, source);
    expect(readlinkSync(join(tree, 'node_modules', 'zod'))).toBe(join(source, 'node_modules', 'zod'));
    expect(realpathSync(join(tree, 'node_modules', '@rustybt', 'ops'))).toBe(realpathSync(join(tree, 'libs', 'ops')));
    expect(readlinkSync(join(tree, 'apps', 'cli', 'node_modules'))).toBe(join(source, 'apps', 'cli', 'node_modules'));
  });
});
