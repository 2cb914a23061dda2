import { defineConfig } from 'tsup';

export default defineConfig({
  // index: the runner API; config, flags and validation: config.yaml, the flag table and the go-live
  // gate alone (light entries for the CLI); main: the supervisor entry behind bin/main.js.
  entry: {
    index: 'src/index.ts',
    'config/index': 'src/config/index.ts',
    'flags/index': 'src/flags/index.ts',
    'validation/index': 'src/validation/index.ts',
    main: 'src/main.ts',
  },
  format: ['esm', 'cjs'],
  dts: {
    entry: { index: 'src/index.ts', 'config/index': 'src/config/index.ts', 'flags/index': 'src/flags/index.ts', 'validation/index': 'src/validation/index.ts' },
  },
  clean: true,
  sourcemap: true,
  target: 'node20',
});
