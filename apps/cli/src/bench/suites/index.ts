import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Suite } from '@rustybt/bench';

/**
 * The benchmark suites `rustybt benchmark --suite` offers. Each entry loads its suite lazily
 * (its own build chunk), so listing the choices in `--help` costs nothing.
 *
 * To add a suite: write `./<name>.ts` with `export default defineSuite({ name: '<name>', ... })`
 * and add one line below. `requires` names the packages the suite measures: while one of them
 * is not built, the suite is left out of the choices instead of failing.
 */
export interface SuiteEntry {
  name: string;
  description: string;
  requires: string[];
  load: () => Promise<{ default: Suite }>;
}

const SUITES: SuiteEntry[] = [
  { name: 'startup', description: 'CLI cold start (rustybt --help) vs node -e 0', requires: [], load: () => import('./startup') },
  {
    name: 'uptime',
    description: 'analyze-uptime over 30 days of 1 s heartbeats vs readline + JSON.parse',
    requires: ['@rustybt/uptime'],
    load: () => import('./uptime'),
  },
  {
    name: 'data',
    description: 'CSV reader over 1,000,000 rows vs readFile + split + parseFloat',
    requires: ['@rustybt/data-providers'],
    load: () => import('./data'),
  },
  {
    name: 'backtest',
    description: 'engine + paper broker over 1,000,000 sim 1m bars (SMA crossover, mean reversion, buy and hold) vs a naive float loop',
    requires: ['@rustybt/engine', '@rustybt/brokers', '@rustybt/data-providers'],
    load: () => import('./backtest'),
  },
  {
    name: 'order-execution',
    description: 'submit -> fill through CcxtBroker to the loopback exchange emulator vs a bare ccxt createOrder',
    requires: ['@rustybt/brokers', '@rustybt/exchange-sim'],
    load: () => import('./order-execution'),
  },
  {
    name: 'runner',
    description: 'paper runner: submit -> fill through the SQLite journal, and 1,000,000 replayed bars with state and logs on',
    requires: ['@rustybt/paper-runner'],
    load: () => import('./runner'),
  },
  {
    name: 'recovery',
    description: 'backup and verify-restore of a 1,000,000-bar session database, and the runner bar-loop stall while a backup runs',
    requires: ['@rustybt/paper-runner'],
    load: () => import('./recovery'),
  },
  {
    name: 'alerts',
    description: 'alerting on the trading path: enqueue p99 (SQLite outbox) and a runner replay with alerting on vs off',
    requires: ['@rustybt/alerts', '@rustybt/paper-runner'],
    load: () => import('./alerts'),
  },
];

const require = createRequire(import.meta.url);

/** Whether a package resolves to an existing file (its dist/ is built). */
export function packageIsBuilt(pkg: string): boolean {
  try {
    return existsSync(require.resolve(pkg));
  } catch {
    return false;
  }
}

export function builtOnly(entries: readonly SuiteEntry[], isBuilt: (pkg: string) => boolean = packageIsBuilt): SuiteEntry[] {
  return entries.filter((s) => s.requires.every(isBuilt));
}

/** The suites whose packages are built, in registry order. */
export function availableSuites(): SuiteEntry[] {
  return builtOnly(SUITES);
}
