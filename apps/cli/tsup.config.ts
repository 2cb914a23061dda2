import { defineConfig } from 'tsup';

export default defineConfig({
  // backtest-worker: the thread that reads a backtest's bars and runs sweep combinations (see src/backtest/worker-entry.ts).
  entry: { main: 'src/main.ts', 'backtest-worker': 'src/backtest/worker-entry.ts' },
  format: ['esm'],
  // The exchange emulator is a development dependency: only the order-execution benchmark loads it, when installed.
  external: ['@rustybt/exchange-sim'],
  // Each command's implementation is its own chunk, loaded only when that command runs,
  // so `rustybt --help` never pays for ccxt, yahoo-finance2 or SQLite.
  splitting: true,
  dts: false,
  clean: true,
  sourcemap: true,
  target: 'node20',
});
