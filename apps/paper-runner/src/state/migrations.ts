/**
 * Schema versions of a session's state file, applied in order and recorded in `PRAGMA user_version`.
 * Never edit a released step: add a new one, so every older file upgrades the same way.
 */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
  );
  CREATE TABLE runs (
    run_id      INTEGER PRIMARY KEY AUTOINCREMENT,
    pid         INTEGER NOT NULL,
    version     TEXT NOT NULL,
    started_at  INTEGER NOT NULL,
    stopped_at  INTEGER,
    stop_reason TEXT,
    resumed     INTEGER NOT NULL,
    url         TEXT
  );
  CREATE TABLE orders (
    client_order_id TEXT PRIMARY KEY,
    order_id        TEXT,
    symbol          TEXT NOT NULL,
    side            TEXT NOT NULL,
    type            TEXT NOT NULL,
    quantity        TEXT NOT NULL,
    limit_price     TEXT,
    stop_price      TEXT,
    time_in_force   TEXT NOT NULL,
    status          TEXT NOT NULL,
    filled_quantity TEXT NOT NULL,
    avg_fill_price  TEXT,
    reason          TEXT,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL
  );
  CREATE INDEX orders_status ON orders(status);
  CREATE TABLE fills (
    fill_id         TEXT PRIMARY KEY,
    client_order_id TEXT NOT NULL,
    order_id        TEXT,
    symbol          TEXT NOT NULL,
    side            TEXT NOT NULL,
    quantity        TEXT NOT NULL,
    price           TEXT NOT NULL,
    commission      TEXT NOT NULL,
    time            INTEGER NOT NULL,
    liquidity       TEXT
  );
  CREATE INDEX fills_time ON fills(time);
  CREATE TABLE positions (
    symbol    TEXT PRIMARY KEY,
    quantity  TEXT NOT NULL,
    avg_price TEXT NOT NULL
  );
  CREATE TABLE cash (
    asset  TEXT PRIMARY KEY,
    amount TEXT NOT NULL
  );
  CREATE TABLE checkpoint (
    id              INTEGER PRIMARY KEY CHECK (id = 1),
    last_bar_time   INTEGER NOT NULL,
    bars_processed  INTEGER NOT NULL,
    equity          TEXT NOT NULL,
    strategy_state  TEXT NOT NULL,
    engine_snapshot TEXT NOT NULL,
    updated_at      INTEGER NOT NULL
  );
  `,
];
