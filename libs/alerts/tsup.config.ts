import { defineConfig } from 'tsup';

export default defineConfig({
  // index: channels, outbox, sender; config/index: the config schema alone (no SMTP or SQLite loaded).
  entry: { index: 'src/index.ts', 'config/index': 'src/config/index.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'node20',
});
