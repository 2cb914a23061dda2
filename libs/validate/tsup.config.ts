import { defineConfig } from 'tsup';

export default defineConfig({
  // testing: the strict HTML reader report tests use, a separate entry so the main one never carries it.
  entry: { index: 'src/index.ts', 'testing/index': 'src/testing/index.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'node20',
});
