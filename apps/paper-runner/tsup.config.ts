import { defineConfig } from 'tsup';

export default defineConfig({
  // index: the runner API; config: config.yaml alone (light); main: the supervisor entry behind bin/main.js.
  entry: { index: 'src/index.ts', 'config/index': 'src/config/index.ts', main: 'src/main.ts' },
  format: ['esm', 'cjs'],
  dts: { entry: { index: 'src/index.ts', 'config/index': 'src/config/index.ts' } },
  clean: true,
  sourcemap: true,
  target: 'node20',
});
