import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('.', import.meta.url));

// Nx sets FORCE_COLOR for its tasks; tests spawn our CLI with NO_COLOR, and Node warns on stderr
// when both are set, which would break the tests that assert a clean stderr.
delete process.env.FORCE_COLOR;

const PACKAGES: Record<string, string> = {
  ...Object.fromEntries(
    ['core', 'engine', 'brokers', 'data-providers', 'uptime', 'bench', 'docs-audit', 'ops', 'alerts', 'validate'].map((name) => [name, `libs/${name}`]),
  ),
  'paper-runner': 'apps/paper-runner',
  'exchange-sim': 'tools/exchange-sim',
};

// Tests resolve our packages to their sources so a test run never depends on a stale build. A subpath
// entry (`@rustybt/<name>/testing`, `/config`) is the folder of that name with its own index.ts.
const alias = Object.entries(PACKAGES).flatMap(([name, dir]) => [
  { find: new RegExp(`^@rustybt/${name}/([a-z-]+)$`), replacement: `${root}${dir}/src/$1/index.ts` },
  { find: new RegExp(`^@rustybt/${name}$`), replacement: `${root}${dir}/src/index.ts` },
]);

export function projectConfig(options: { testTimeout?: number; include?: string[] } = {}) {
  return defineConfig({
    resolve: { alias },
    test: {
      include: options.include ?? ['src/**/*.test.ts', 'test/**/*.test.ts', 'e2e/**/*.test.ts'],
      environment: 'node',
      testTimeout: options.testTimeout ?? 120_000,
      hookTimeout: 120_000,
      pool: 'forks',
      maxWorkers: 2,
      passWithNoTests: false,
    },
  });
}
