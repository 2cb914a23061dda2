import { spawnSync } from 'node:child_process';
import { existsSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The `rustybt` bin of the build this code belongs to: found by walking up from this module
 * (a chunk in dist/, or a source file), so an A/B run of two builds measures each its own bin.
 */
export function cliBinPath(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const bin = join(dir, 'bin', 'rustybt.js');
    if (existsSync(bin) && existsSync(join(dir, 'package.json'))) return bin;
    const up = dirname(dir);
    if (up === dir) throw new Error('cannot find bin/rustybt.js above the CLI code. Run the benchmark from an installed or built rustybt');
    dir = up;
  }
}

/**
 * The git commit of the rustybt source tree this CLI was built from, or null (an installed
 * package, an exported tree). Not the commit of whatever repository the user stands in.
 */
export function cliCommit(): string | null {
  const bin = cliBinPath();
  const r = spawnSync('git', ['rev-parse', '--show-toplevel', 'HEAD'], { cwd: dirname(bin), encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  if (r.status !== 0) return null;
  const [top, sha] = r.stdout.trim().split('\n');
  if (!top || !sha) return null;
  const ours = join(top, 'apps', 'cli', 'bin', 'rustybt.js');
  return existsSync(ours) && realpathSync(ours) === realpathSync(bin) ? sha : null;
}
