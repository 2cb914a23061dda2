import { existsSync } from 'node:fs';
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
