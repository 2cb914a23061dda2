import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import Decimal from 'decimal.js';
import { afterEach, describe, expect, it } from 'vitest';
import { StateFileError } from './errors';
import { fillToRow, orderToRow, rowToOrder } from './rows';
import { StateStore } from './store';

const dirs: string[] = [];
function tempFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'rustybt-store-'));
  dirs.push(dir);
  return join(dir, 'state', 's.db');
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const order = {
  clientOrderId: 's-1',
  symbol: 'SIM',
  side: 'buy' as const,
  type: 'limit' as const,
  quantity: new Decimal('1.5'),
  limitPrice: new Decimal('100.25'),
  timeInForce: 'GTC' as const,
  createdAt: 1000,
  status: 'accepted' as const,
  filledQuantity: new Decimal(0),
  updatedAt: 1000,
};

describe('StateStore', () => {
  it('creates the file with the schema and round-trips orders exactly', () => {
    const path = tempFile();
    const store = StateStore.open(path, { exclusive: true });
    store.upsertOrder(orderToRow(order));
    store.upsertOrder(orderToRow({ ...order, status: 'filled', filledQuantity: new Decimal('1.5'), averageFillPrice: new Decimal('100.2'), updatedAt: 2000 }));
    store.close();
    const again = StateStore.open(path);
    const [row] = again.orders();
    const back = rowToOrder(row!);
    expect(back.status).toBe('filled');
    expect(back.quantity.toString()).toBe('1.5');
    expect(back.limitPrice?.toString()).toBe('100.25');
    expect(back.averageFillPrice?.toString()).toBe('100.2');
    expect(again.openOrders()).toEqual([]);
    expect(again.orderCountsByStatus()).toEqual({ filled: 1 });
    again.close();
  });

  it('counts a fill once however often it is reported', () => {
    const store = StateStore.open(tempFile());
    const fill = fillToRow({
      fillId: 'f1',
      clientOrderId: 's-1',
      symbol: 'SIM',
      side: 'buy',
      quantity: new Decimal(1),
      price: new Decimal(10),
      commission: new Decimal('0.01'),
      time: 5,
    });
    expect(store.insertFill(fill)).toBe(true);
    expect(store.insertFill(fill)).toBe(false);
    expect(store.fillCount()).toBe(1);
    store.close();
  });

  it('commits a transaction whole or not at all', () => {
    const store = StateStore.open(tempFile());
    expect(() =>
      store.transaction(() => {
        store.upsertOrder(orderToRow(order));
        throw new Error('crash in the middle');
      }),
    ).toThrow('crash in the middle');
    expect(store.orders()).toEqual([]);
    store.close();
  });

  it('keeps the checkpoint, portfolio and run history', () => {
    const path = tempFile();
    const store = StateStore.open(path, { exclusive: true });
    const run = store.beginRun({ pid: 1, version: '0.1.0', startedAt: 10, resumed: false });
    store.setRunUrl(run, 'http://127.0.0.1:1');
    store.savePortfolio([{ symbol: 'SIM', quantity: '2', avg_price: '10' }], [{ asset: 'USD', amount: '980' }]);
    store.saveCheckpoint({ last_bar_time: 60_000, bars_processed: 2, equity: '1000', strategy_state: '{}', engine_snapshot: '{}', updated_at: 11 });
    store.endRun(run, 12, 'signal');
    store.close();
    const again = StateStore.open(path);
    expect(again.checkpoint()?.last_bar_time).toBe(60_000);
    expect(again.positions()).toEqual([{ symbol: 'SIM', quantity: '2', avg_price: '10' }]);
    expect(again.cash()).toEqual([{ asset: 'USD', amount: '980' }]);
    expect(again.runs()).toMatchObject([{ run_id: 1, stop_reason: 'signal', url: 'http://127.0.0.1:1', resumed: 0 }]);
    again.close();
  });

  it('refuses a file that is not a database and leaves it untouched', () => {
    const path = tempFile();
    StateStore.open(path).close();
    const garbage = Buffer.from('this is not sqlite at all, just text that someone wrote over the file');
    writeFileSync(path, garbage);
    expect(() => StateStore.open(path)).toThrow(StateFileError);
    expect(() => StateStore.open(path)).toThrow(/is corrupted \(not a SQLite database\)\. Restore it from a backup/);
    expect(readFileSync(path)).toEqual(garbage);
  });

  it('refuses a database with damaged pages', () => {
    const path = tempFile();
    const store = StateStore.open(path);
    for (let i = 0; i < 300; i++) store.upsertOrder(orderToRow({ ...order, clientOrderId: `s-${i}` }));
    store.close();
    const bytes = readFileSync(path);
    bytes.fill(0xab, 4096 + 100, 4096 * 3);
    writeFileSync(path, bytes);
    const err = (() => {
      try {
        StateStore.open(path);
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(err).toBeInstanceOf(StateFileError);
    expect((err as StateFileError).exitCode).toBe(2);
    expect(readFileSync(path)).toEqual(bytes);
  });

  it('refuses a file another connection holds exclusively', () => {
    const path = tempFile();
    const holder = StateStore.open(path, { exclusive: true });
    expect(() => StateStore.open(path, { exclusive: true, lockTimeoutMs: 50 })).toThrow(/is locked by another process/);
    expect(() => StateStore.open(path, { lockTimeoutMs: 50 })).toThrow(/is locked by another process/);
    holder.close();
    StateStore.open(path).close();
  });

  it('refuses a schema newer than it knows', () => {
    const path = tempFile();
    StateStore.open(path).close();
    const db = new Database(path);
    db.pragma('user_version = 999');
    db.close();
    expect(() => StateStore.open(path)).toThrow(/schema version 999, newer than this rustybt knows/);
  });
});
