import { defineConfig } from 'tsup';

export default defineConfig({
  // index: the runner API; config and flags: config.yaml and the flag table alone (light entries for
  // the CLI); main: the supervisor entry behind bin/main.js.
  entry: { index: 'src/index.ts', 'config/index': 'src/config/index.ts', 'flags/index': 'src/flags/index.ts', main: 'src/main.ts' },
  format: ['esm', 'cjs'],
  dts: { entry: { index: 'src/index.ts', 'config/index': 'src/config/index.ts', 'flags/index': 'src/flags/index.ts' } },
  clean: true,
  sourcemap: true,
  target: 'node20',
});
