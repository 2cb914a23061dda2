// One lint config for the whole workspace. Besides code style, it enforces the dependency rule
// of docs/architecture.md: which of our packages may import which, and no import cycles.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';

const OURS = [
  'core',
  'engine',
  'brokers',
  'data-providers',
  'uptime',
  'bench',
  'docs-audit',
  'ops',
  'alerts',
  'validate',
  'paper-runner',
  'cli',
  'exchange-sim',
  'ab-gate',
];

// Files that may use test helpers: tests, their support folders, the test helpers themselves, and the
// benchmark suites (which build their fixtures with the same generators as the tests).
const TEST_FILES = ['**/*.test.ts', '**/test/**', '**/e2e/**', '**/testing/**', '**/test-support.ts', '**/bench/suites/**', '**/vitest.config.ts'];

// Allowed imports of our own packages, per project folder. Anything of ours not listed is an error.
const ALLOWED = {
  'libs/core': [],
  'libs/engine': ['core'],
  'libs/brokers': ['core', 'engine'],
  'libs/data-providers': ['core', 'engine'],
  'libs/uptime': ['core'],
  'libs/bench': ['core'],
  'libs/docs-audit': ['core'],
  'libs/ops': ['core'],
  'libs/alerts': ['core'],
  'libs/validate': ['core'],
  'apps/paper-runner': ['core', 'engine', 'brokers', 'data-providers', 'uptime', 'ops', 'alerts', 'validate'],
  'apps/cli': ['core', 'engine', 'brokers', 'data-providers', 'uptime', 'bench', 'docs-audit', 'ops', 'alerts', 'validate', 'paper-runner', 'exchange-sim'],
  'tools/exchange-sim': ['core'],
  'tools/ab-gate': ['core', 'bench', 'ops'],
};

// Packages a project's tests may use beyond its runtime ones (devDependencies): the exchange emulator.
const TEST_ONLY = {
  'libs/brokers': ['exchange-sim'],
  'libs/data-providers': ['exchange-sim'],
  'apps/paper-runner': ['exchange-sim'],
};

function boundaryRules(folder, allowed, production) {
  const forbidden = OURS.filter((name) => !allowed.includes(name));
  return {
    files: [`${folder}/**/*.ts`],
    ...(production ? { ignores: TEST_FILES } : {}),
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...forbidden.map((name) => ({
              group: [`@rustybt/${name}`, `@rustybt/${name}/*`],
              message: `${folder} may not import @rustybt/${name} (dependency rule in docs/architecture.md).`,
            })),
            {
              group: ['**/apps/**', '**/libs/**', '**/tools/**'],
              message: 'Import other projects by package name (@rustybt/<name>), never by relative path.',
            },
            ...(production
              ? [
                  {
                    group: ['@rustybt/*/testing', '**/testing/**', '**/test-support', '**/test/**'],
                    message: 'Test helpers belong to tests (*.test.ts, test/, e2e/) and benchmark fixtures, never to production code.',
                  },
                ]
              : []),
          ],
        },
      ],
    },
  };
}

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '**/coverage/**', '.nx/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { 'import-x': importX },
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
    settings: { 'import-x/resolver-next': [importX.createNodeResolver({ extensions: ['.ts', '.js'] })] },
    rules: {
      // Type imports count: a cycle of types still ties two modules' meaning together.
      'import-x/no-cycle': ['error', { ignoreExternal: true, allowUnsafeDynamicCyclicDependency: false }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  // Two passes per folder: everything keeps the dependency rule; production code also keeps out test helpers.
  ...Object.entries(ALLOWED).map(([folder, allowed]) => boundaryRules(folder, [...allowed, ...(TEST_ONLY[folder] ?? [])], false)),
  ...Object.entries(ALLOWED).map(([folder, allowed]) => boundaryRules(folder, allowed, true)),
);
