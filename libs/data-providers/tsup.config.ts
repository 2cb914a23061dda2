import { defineConfig } from 'tsup';

export default defineConfig({
  // testing: helpers for tests and benchmarks, a separate entry so the main one never carries them.
  entry: { index: 'src/index.ts', 'testing/index': 'src/testing/index.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'node20',
});
