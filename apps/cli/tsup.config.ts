import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/main.ts'],
  format: ['esm'],
  // Each command's implementation is its own chunk, loaded only when that command runs,
  // so `rustybt --help` never pays for ccxt, yahoo-finance2 or SQLite.
  splitting: true,
  dts: false,
  clean: true,
  sourcemap: true,
  target: 'node20',
});
