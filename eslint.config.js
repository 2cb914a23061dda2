// One lint config for the whole workspace. Besides code style, it enforces the dependency rule
// of docs/architecture.md: which of our packages may import which, and no import cycles.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';

const OURS = ['core', 'engine', 'brokers', 'data-providers', 'uptime', 'bench', 'docs-audit', 'ops', 'alerts', 'validate', 'paper-runner', 'cli', 'exchange-sim', 'ab-gate'];

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
  'apps/paper-runner': ['core', 'engine', 'brokers', 'data-providers', 'uptime', 'ops', 'alerts'],
  'apps/cli': ['core', 'engine', 'brokers', 'data-providers', 'uptime', 'bench', 'docs-audit', 'ops', 'alerts', 'validate', 'paper-runner', 'exchange-sim'],
  'tools/exchange-sim': ['core'],
  'tools/ab-gate': ['core', 'bench', 'ops'],
};

function boundaryRules(folder, allowed) {
  const forbidden = OURS.filter((name) => !allowed.includes(name));
  return {
    files: [`${folder}/**/*.ts`],
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
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  ...Object.entries(ALLOWED).map(([folder, allowed]) => boundaryRules(folder, allowed)),
);
