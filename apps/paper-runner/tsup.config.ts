import { defineConfig } from 'tsup';

export default defineConfig({
  // index: the runner API; main: the supervisor entry behind bin/main.js.
  entry: ['src/index.ts', 'src/main.ts'],
  format: ['esm', 'cjs'],
  dts: { entry: 'src/index.ts' },
  clean: true,
  sourcemap: true,
  target: 'node20',
});
