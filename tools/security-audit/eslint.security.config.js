// eslint-plugin-security's recommended rules over apps/, libs/ and tools/, used only by
// tools/security-audit/run.mjs: its findings are triaged in docs/security-audit.md, not enforced by
// the main lint (eslint.config.js), which would fail on the rules' known false positives.
import tseslint from 'typescript-eslint';
import security from 'eslint-plugin-security';

export default [
  { ignores: ['**/node_modules/**', '**/dist/**', '**/coverage/**', '**/.nx/**'] },
  {
    files: ['**/*.{ts,mts,cts,js,mjs,cjs}'],
    languageOptions: { parser: tseslint.parser, ecmaVersion: 'latest', sourceType: 'module' },
    linterOptions: { reportUnusedDisableDirectives: 'off' },
    ...security.configs.recommended,
  },
];
