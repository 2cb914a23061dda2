import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('.', import.meta.url));

// Nx sets FORCE_COLOR for its tasks; tests spawn our CLI with NO_COLOR, and Node warns on stderr
// when both are set, which would break the tests that assert a clean stderr.
delete process.env.FORCE_COLOR;

// Tests resolve our packages to their sources so a test run never depends on a stale build.
const alias = Object.fromEntries(
  ['core', 'engine', 'brokers', 'data-providers', 'uptime', 'bench', 'docs-audit', 'ops', 'alerts', 'validate'].map((name) => [
    `@rustybt/${name}`,
    `${root}libs/${name}/src/index.ts`,
  ]),
);
alias['@rustybt/paper-runner'] = `${root}apps/paper-runner/src/index.ts`;
alias['@rustybt/exchange-sim'] = `${root}tools/exchange-sim/src/index.ts`;

export function projectConfig(options: { testTimeout?: number; include?: string[] } = {}) {
  return defineConfig({
    resolve: { alias },
    test: {
      include: options.include ?? ['src/**/*.test.ts', 'test/**/*.test.ts', 'e2e/**/*.test.ts'],
      environment: 'node',
      testTimeout: options.testTimeout ?? 20_000,
      hookTimeout: 30_000,
      pool: 'forks',
      maxWorkers: 2,
      passWithNoTests: false,
    },
  });
}
