import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import Decimal from 'decimal.js';
import { resolveHome, type HomeLayout } from '@rustybt/ops';
import { fillToRow, orderToRow } from '../../src/state/rows';
import { StateStore } from '../../src/state/store';

/** Planted in .env and in the credential store: it must never appear where the test does not ask for it. */
export const CANARY = 'CANARY-SECRET-7f3a9d';

export function tempHome(prefix = 'rustybt-backup-'): HomeLayout {
  return resolveHome({ RUSTYBT_HOME: mkdtempSync(join(tmpdir(), prefix)) });
}

/** A home with one session of `fills` fills, config.yaml, an (opaque) credential store, a plaintext .env and a log. */
export function plantHome(home: HomeLayout, session = 'alpha', fills = 3): void {
  const store = StateStore.open(join(home.state, `${session}.db`), { exclusive: true });
  store.setMeta({
    strategy: '/s.ts',
    broker: 'paper',
    data: 'sim',
    symbol: 'SIM',
    interval: '1m',
    params: '{}',
    capital: '10000',
    created_at: '1',
    feed_anchor: '0',
  });
  for (let i = 1; i <= fills; i++) {
    const base = {
      clientOrderId: `${session}-${i}`,
      symbol: 'SIM',
      side: 'buy' as const,
      type: 'market' as const,
      quantity: new Decimal(1),
      timeInForce: 'GTC' as const,
      createdAt: i * 60_000,
    };
    store.upsertOrder(orderToRow({ ...base, status: 'filled', filledQuantity: new Decimal(1), averageFillPrice: new Decimal(100), updatedAt: i * 60_000 }));
    store.insertFill(
      fillToRow({
        fillId: `${session}-${i}-f`,
        clientOrderId: base.clientOrderId,
        symbol: 'SIM',
        side: 'buy',
        quantity: new Decimal(1),
        price: new Decimal(100),
        commission: new Decimal('0.1'),
        time: i * 60_000,
      }),
    );
  }
  store.savePortfolio([{ symbol: 'SIM', quantity: String(fills), avg_price: '100' }], [{ asset: 'USD', amount: String(10000 - 100 * fills) }]);
  const snapshot = {
    version: 1,
    runId: session,
    orderSeq: fills,
    lastBarTime: fills * 60_000,
    barsProcessed: fills,
    capital: '10000',
    portfolio: {
      cash: String(10000 - 100 * fills),
      fees: '0',
      realizedPnl: '0',
      positions: [{ symbol: 'SIM', quantity: String(fills), averagePrice: '100', realizedPnl: '0', lastPrice: 100 }],
    },
    openOrders: [],
    strategyState: {},
    risk: { state: 'ACTIVE', day: null, dayStartEquity: null, recentOrderTimes: [], stateRule: null },
    openTrades: [],
  };
  store.saveCheckpoint({
    last_bar_time: fills * 60_000,
    bars_processed: fills,
    equity: '10000',
    strategy_state: '{}',
    engine_snapshot: JSON.stringify(snapshot),
    updated_at: 1,
  });
  store.close();
  mkdirSync(home.config, { recursive: true, mode: 0o700 });
  writeFileSync(join(home.config, 'config.yaml'), 'logLevel: info\n', { mode: 0o600 });
  writeFileSync(join(home.config, 'credentials.enc'), Buffer.from(`RBTENC1 opaque ciphertext, not ${CANARY.slice(0, 3)}`), { mode: 0o600 });
  writeFileSync(join(home.config, '.env'), `BINANCE_API_SECRET=${CANARY}\n`, { mode: 0o600 });
  mkdirSync(home.logs, { recursive: true, mode: 0o700 });
  writeFileSync(join(home.logs, 'paper-trade-2025-01-01.log'), '{"event":"heartbeat"}\n', { mode: 0o600 });
}

/** Every file under a folder (relative path -> content), to prove a refused restore wrote nothing. */
export function treeOf(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) {
        out[`${relative(dir, p)}/`] = '';
        walk(p);
      } else out[relative(dir, p)] = readFileSync(p).toString('base64');
    }
  };
  walk(dir);
  return out;
}

/** Octal permission bits of every file and folder under dir. */
export function modesOf(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      out[relative(dir, p)] = (statSync(p).mode & 0o777).toString(8);
      if (e.isDirectory()) walk(p);
    }
  };
  walk(dir);
  return out;
}
