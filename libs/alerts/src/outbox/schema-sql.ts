/** Version 1 of the outbox file. `user_version` says which one a file has. */
export const OUTBOX_VERSION = 1;

export const OUTBOX_SQL = `
CREATE TABLE IF NOT EXISTS alerts (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  event TEXT NOT NULL,
  severity TEXT NOT NULL,
  session TEXT NOT NULL,
  summary TEXT NOT NULL,
  details TEXT NOT NULL,
  at INTEGER NOT NULL,
  enqueued_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS deliveries (
  alert_seq INTEGER NOT NULL REFERENCES alerts(seq),
  channel TEXT NOT NULL,
  grp TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('pending', 'held', 'sent', 'digested', 'dead')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_at INTEGER NOT NULL,
  last_error TEXT,
  via TEXT,
  done_at INTEGER,
  PRIMARY KEY (alert_seq, channel)
);
CREATE INDEX IF NOT EXISTS deliveries_due ON deliveries (channel, state, next_at);
CREATE TABLE IF NOT EXISTS windows (
  channel TEXT NOT NULL,
  grp TEXT NOT NULL,
  window_ms INTEGER NOT NULL,
  started_at INTEGER NOT NULL,
  ends_at INTEGER NOT NULL,
  individually INTEGER NOT NULL,
  digest_attempts INTEGER NOT NULL DEFAULT 0,
  digest_next_at INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (channel, grp)
);
`;
