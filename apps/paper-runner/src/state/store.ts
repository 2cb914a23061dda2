import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { describeSqliteError, StateFileError } from './errors';
import { MIGRATIONS } from './migrations';
import { ensureOwnerDir, ensureOwnerFile } from './owner-only';
import { SessionLock } from './session-lock';
import type { CashRow, CheckpointRow, FillRow, OrderRow, PositionRow, RunRow } from './rows';

const SQLITE_HEADER = 'SQLite format 3\u0000';
// 'unknown': sent, the venue's answer lost; open until the venue is asked (CcxtBroker resolveUnknown).
const OPEN_STATUSES = ['new', 'accepted', 'partially_filled', 'unknown'];
/** SQLite's page cache per open state file, in KiB. */
export const PAGE_CACHE_KIB = 2000;

export interface OpenStoreOptions {
  /** Milliseconds to wait for a lock held by another process before giving up. */
  lockTimeoutMs?: number;
  /**
   * Kept for callers written when the runner held the file in SQLite's exclusive locking mode. Every
   * read-write open now holds the session lock (`<session>.db.lock`, see SessionLock) for the store's
   * whole life, so a second writer fails at once while readers and the online backup still read.
   */
  exclusive?: boolean;
  /**
   * `normal` (default): synchronous=NORMAL, every commit survives a killed process, an OS crash or
   * power loss may lose the last commits. `full`: synchronous=FULL, every commit is fsynced before it
   * returns, so an order recorded and then sent to a venue is on disk before the venue hears of it.
   */
  durable?: Durability;
}

export type Durability = 'normal' | 'full';

/**
 * A session's durable state: orders, fills, positions, cash, the engine/strategy checkpoint with the
 * last processed bar, and the history of runs. One SQLite file in WAL mode (synchronous NORMAL, or
 * FULL for a session at a venue), owner-only, written by the one process holding the session lock.
 */
export class StateStore {
  private readonly stmts;

  private constructor(
    readonly path: string,
    private readonly db: Database.Database,
    /** The writer lock; absent for a read-only store. */
    private readonly lock: SessionLock | undefined,
  ) {
    this.stmts = {
      begin: db.prepare('BEGIN'),
      commit: db.prepare('COMMIT'),
      rollback: db.prepare('ROLLBACK'),
      getMeta: db.prepare<[], { key: string; value: string }>('SELECT key, value FROM meta'),
      setMeta: db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value'),
      beginRun: db.prepare('INSERT INTO runs (pid, version, started_at, resumed) VALUES (?, ?, ?, ?)'),
      setRunUrl: db.prepare('UPDATE runs SET url = ? WHERE run_id = ?'),
      endRun: db.prepare('UPDATE runs SET stopped_at = ?, stop_reason = ? WHERE run_id = ?'),
      runs: db.prepare<[], RunRow>('SELECT * FROM runs ORDER BY run_id'),
      upsertOrder: db.prepare(`INSERT INTO orders VALUES (@client_order_id, @order_id, @symbol, @side, @type, @quantity,
        @limit_price, @stop_price, @time_in_force, @status, @filled_quantity, @avg_fill_price, @reason, @created_at, @updated_at)
        ON CONFLICT(client_order_id) DO UPDATE SET order_id = excluded.order_id, status = excluded.status,
        filled_quantity = excluded.filled_quantity, avg_fill_price = excluded.avg_fill_price, reason = excluded.reason,
        updated_at = excluded.updated_at`),
      order: db.prepare<[string], OrderRow>('SELECT * FROM orders WHERE client_order_id = ?'),
      orders: db.prepare<[], OrderRow>('SELECT * FROM orders ORDER BY created_at, client_order_id'),
      openOrders: db.prepare<[], OrderRow>(
        `SELECT * FROM orders WHERE status IN (${OPEN_STATUSES.map((s) => `'${s}'`).join(',')}) ORDER BY created_at, client_order_id`,
      ),
      orderCounts: db.prepare<[], { status: string; n: number }>('SELECT status, COUNT(*) AS n FROM orders GROUP BY status'),
      insertFill: db.prepare(`INSERT INTO fills VALUES (@fill_id, @client_order_id, @order_id, @symbol, @side, @quantity,
        @price, @commission, @time, @liquidity) ON CONFLICT(fill_id) DO NOTHING`),
      fills: db.prepare<[], FillRow>('SELECT * FROM fills ORDER BY time, fill_id'),
      recentFills: db.prepare<[number], FillRow>('SELECT * FROM (SELECT * FROM fills ORDER BY time DESC, fill_id DESC LIMIT ?) ORDER BY time, fill_id'),
      fillCount: db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM fills'),
      hasFill: db.prepare<[string], { one: number }>('SELECT 1 AS one FROM fills WHERE fill_id = ?'),
      clearPositions: db.prepare('DELETE FROM positions'),
      insertPosition: db.prepare('INSERT INTO positions VALUES (@symbol, @quantity, @avg_price)'),
      positions: db.prepare<[], PositionRow>('SELECT * FROM positions ORDER BY symbol'),
      clearCash: db.prepare('DELETE FROM cash'),
      insertCash: db.prepare('INSERT INTO cash VALUES (@asset, @amount)'),
      cash: db.prepare<[], CashRow>('SELECT * FROM cash ORDER BY asset'),
      saveCheckpoint: db.prepare(`INSERT INTO checkpoint VALUES (1, @last_bar_time, @bars_processed, @equity, @strategy_state,
        @engine_snapshot, @updated_at) ON CONFLICT(id) DO UPDATE SET last_bar_time = excluded.last_bar_time,
        bars_processed = excluded.bars_processed, equity = excluded.equity, strategy_state = excluded.strategy_state,
        engine_snapshot = excluded.engine_snapshot, updated_at = excluded.updated_at`),
      checkpoint: db.prepare<[], CheckpointRow>('SELECT * FROM checkpoint WHERE id = 1'),
    };
  }

  /**
   * Opens (creating if absent) the state file for writing and brings its schema up to date. The
   * session lock is taken first: a second writer (another runner, a restore) is refused while this
   * store is open. A corrupted or locked file, or one written by a newer version, is reported as a
   * StateFileError and left byte for byte as it was.
   */
  static open(path: string, options: OpenStoreOptions = {}): StateStore {
    const timeout = options.lockTimeoutMs ?? 250;
    checkHeader(path);
    ensureOwnerDir(dirname(path));
    const lock = SessionLock.acquire(path, timeout);
    let db: Database.Database | undefined;
    try {
      ensureOwnerFile(path);
      db = new Database(path, { timeout });
      // Reading the schema version first: on a file that is not a database this fails before any write.
      const version = db.pragma('user_version', { simple: true }) as number;
      if (version > MIGRATIONS.length) throw newerSchema(path, version);
      db.pragma('journal_mode = WAL');
      db.pragma(`synchronous = ${options.durable === 'full' ? 'FULL' : 'NORMAL'}`);
      // better-sqlite3 builds SQLite with a 16 MB page cache, which a runner fills as its file grows
      // (RSS rising for days with the fill history). The runner appends and reads back only recent
      // rows, so SQLite's own 2 MB default keeps the hot pages and holds memory flat.
      db.pragma(`cache_size = -${PAGE_CACHE_KIB}`);
      if (version > 0) quickCheck(db, path);
      migrate(db, version);
      return new StateStore(path, db, lock);
    } catch (err) {
      db?.close();
      lock.release();
      if (err instanceof StateFileError) throw err;
      throw describeSqliteError(path, err) ?? err;
    }
  }

  /**
   * Opens an existing state file read-only (status, backup checks): no lock taken, no migration, no
   * write, works while a runner trades. A file that is not a rustybt state file of this schema is a
   * StateFileError (exit 2), left as it was.
   */
  static openReadOnly(path: string, options: { lockTimeoutMs?: number } = {}): StateStore {
    checkHeader(path);
    if (!existsSync(path)) throw new StateFileError(`no state file ${path}. Check the --session and RUSTYBT_HOME`);
    let db: Database.Database | undefined;
    try {
      db = new Database(path, { readonly: true, fileMustExist: true, timeout: options.lockTimeoutMs ?? 250 });
      const version = db.pragma('user_version', { simple: true }) as number;
      if (version > MIGRATIONS.length) throw newerSchema(path, version);
      if (version < MIGRATIONS.length) {
        throw new StateFileError(
          version === 0
            ? `${path} is not a rustybt state file (it has no rustybt schema). Check the --session, or move the file out of the state folder`
            : `state file ${path} has schema version ${version}, older than this rustybt's (${MIGRATIONS.length}). Start the session once to upgrade it`,
        );
      }
      db.pragma(`cache_size = -${PAGE_CACHE_KIB}`);
      quickCheck(db, path);
      return new StateStore(path, db, undefined);
    } catch (err) {
      db?.close();
      if (err instanceof StateFileError) throw err;
      if (/no such table/.test((err as Error).message))
        throw new StateFileError(`${path} is not a rustybt state file (${(err as Error).message}). Check the --session`);
      throw describeSqliteError(path, err) ?? err;
    }
  }

  /** Opens an existing state file to read it (status). Undefined when the session has no file. */
  static openExisting(path: string): StateStore | undefined {
    if (!existsSync(path)) return undefined;
    return StateStore.openReadOnly(path, { lockTimeoutMs: 100 });
  }

  /** How commits reach the disk on this connection (PRAGMA synchronous). */
  get durability(): Durability | 'off' | 'extra' {
    const level = this.db.pragma('synchronous', { simple: true }) as number;
    return (['off', 'normal', 'full', 'extra'] as const)[level] ?? 'normal';
  }

  /** SQLite's full integrity check: 'ok', or what is wrong (one problem per line). */
  integrityCheck(): string {
    return (this.db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check).join('\n');
  }

  /** The schema version of the file (PRAGMA user_version). */
  get schemaVersion(): number {
    return this.db.pragma('user_version', { simple: true }) as number;
  }

  get readOnly(): boolean {
    return this.db.readonly;
  }

  /** Runs fn in one transaction: everything it writes commits together or not at all. */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  /** An explicit transaction spanning several calls (a batch of bars); end it with commit or rollback. */
  begin(): void {
    this.stmts.begin.run();
  }

  commit(): void {
    this.stmts.commit.run();
  }

  rollback(): void {
    if (this.db.inTransaction) this.stmts.rollback.run();
  }

  get inTransaction(): boolean {
    return this.db.inTransaction;
  }

  meta(): Record<string, string> {
    return Object.fromEntries(this.stmts.getMeta.all().map((r) => [r.key, r.value]));
  }

  setMeta(values: Record<string, string>): void {
    this.transaction(() => {
      for (const [key, value] of Object.entries(values)) this.stmts.setMeta.run(key, value);
    });
  }

  beginRun(run: { pid: number; version: string; startedAt: number; resumed: boolean }): number {
    return Number(this.stmts.beginRun.run(run.pid, run.version, run.startedAt, run.resumed ? 1 : 0).lastInsertRowid);
  }

  setRunUrl(runId: number, url: string): void {
    this.stmts.setRunUrl.run(url, runId);
  }

  endRun(runId: number, stoppedAt: number, reason: string): void {
    this.stmts.endRun.run(stoppedAt, reason, runId);
  }

  runs(): RunRow[] {
    return this.stmts.runs.all();
  }

  upsertOrder(row: OrderRow): void {
    this.stmts.upsertOrder.run(row);
  }

  order(clientOrderId: string): OrderRow | undefined {
    return this.stmts.order.get(clientOrderId);
  }

  orders(): OrderRow[] {
    return this.stmts.orders.all();
  }

  openOrders(): OrderRow[] {
    return this.stmts.openOrders.all();
  }

  orderCountsByStatus(): Record<string, number> {
    return Object.fromEntries(this.stmts.orderCounts.all().map((r) => [r.status, r.n]));
  }

  /** False when the fill was already recorded: a fill is counted once, whoever reports it twice. */
  insertFill(row: FillRow): boolean {
    return this.stmts.insertFill.run(row).changes === 1;
  }

  fills(): FillRow[] {
    return this.stmts.fills.all();
  }

  recentFills(limit: number): FillRow[] {
    return this.stmts.recentFills.all(limit);
  }

  hasFill(fillId: string): boolean {
    return this.stmts.hasFill.get(fillId) !== undefined;
  }

  fillCount(): number {
    return this.stmts.fillCount.get()?.n ?? 0;
  }

  savePortfolio(positions: PositionRow[], cash: CashRow[]): void {
    this.stmts.clearPositions.run();
    for (const p of positions) this.stmts.insertPosition.run(p);
    this.stmts.clearCash.run();
    for (const c of cash) this.stmts.insertCash.run(c);
  }

  positions(): PositionRow[] {
    return this.stmts.positions.all();
  }

  cash(): CashRow[] {
    return this.stmts.cash.all();
  }

  saveCheckpoint(row: CheckpointRow): void {
    this.stmts.saveCheckpoint.run(row);
  }

  checkpoint(): CheckpointRow | undefined {
    return this.stmts.checkpoint.get();
  }

  close(): void {
    if (this.db.open) this.db.close();
    // After the database: its last checkpoint runs under the lock.
    this.lock?.release();
  }
}

/** A non-empty file that does not start with SQLite's header is refused before SQLite touches it. */
function checkHeader(path: string): void {
  if (!existsSync(path)) return;
  const size = statSync(path).size;
  if (size === 0) return;
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(16);
    const n = readSync(fd, head, 0, 16, 0);
    if (n < 16 || head.toString('latin1') !== SQLITE_HEADER) {
      throw new StateFileError(
        `state file ${path} is corrupted (not a SQLite database). Restore it from a backup, or move it away to start the session afresh`,
      );
    }
  } finally {
    closeSync(fd);
  }
}

function newerSchema(path: string, version: number): StateFileError {
  return new StateFileError(
    `state file ${path} has schema version ${version}, newer than this rustybt knows (${MIGRATIONS.length}). Upgrade rustybt, or use another --session`,
  );
}

function quickCheck(db: Database.Database, path: string): void {
  const check = db.pragma('quick_check', { simple: true }) as string;
  if (check !== 'ok')
    throw new StateFileError(`state file ${path} is corrupted (${check}). Restore it from a backup, or move it away to start the session afresh`);
}

function migrate(db: Database.Database, from: number): void {
  for (let v = from; v < MIGRATIONS.length; v++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[v]!);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
}
