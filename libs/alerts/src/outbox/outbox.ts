import { chmodSync, closeSync, existsSync, mkdirSync, openSync, readSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Alert } from '../alert';
import type { DeliveryState, DueRow, WindowRow } from './rows';
import { OUTBOX_SQL, OUTBOX_VERSION } from './schema-sql';

export type OutboxCounts = Record<DeliveryState, number>;

/** The outbox file cannot be used (not a database, newer version, unwritable). exitCode 2: input. */
export class OutboxError extends Error {
  readonly exitCode = 2;
  constructor(message: string) {
    super(message);
    this.name = 'OutboxError';
  }
}

const SQLITE_HEADER = 'SQLite format 3\u0000';

function checkHeader(path: string): void {
  if (!existsSync(path)) return;
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(16);
    const n = readSync(fd, buf, 0, 16, 0);
    if (n > 0 && buf.subarray(0, n).toString('latin1') !== SQLITE_HEADER.slice(0, n)) {
      throw new OutboxError(`alert outbox ${path} is not an SQLite file. Move it away; a new outbox is created in its place`);
    }
  } finally {
    closeSync(fd);
  }
}

/** Creates the file owner-only before SQLite does, so it (and its -wal/-shm, which copy its mode) is 0600. */
function createOwnerOnly(path: string): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  closeSync(openSync(path, 'a', 0o600));
  chmodSync(path, 0o600);
}

/**
 * The durable queue between whoever raises alerts and the sender: one SQLite file (WAL,
 * synchronous=NORMAL: a commit survives kill -9 of the process). An alert is one row, each channel
 * it goes to one delivery row; a delivery is marked sent only after the channel said so.
 */
export class Outbox {
  private readonly s;
  private readonly insertTx: (alert: Alert, targets: ReadonlyArray<{ channel: string; grp: string }>, now: number) => boolean;

  private constructor(
    readonly path: string,
    private readonly db: Database.Database,
  ) {
    this.s = {
      insertAlert: db.prepare('INSERT OR IGNORE INTO alerts (id, event, severity, session, summary, details, at, enqueued_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)'),
      insertDelivery: db.prepare("INSERT INTO deliveries (alert_seq, channel, grp, state, next_at) VALUES (?, ?, ?, 'pending', ?)"),
      nextDue: db.prepare<[string, number], DueRow>(
        "SELECT d.*, a.id, a.event, a.severity, a.session, a.summary, a.details, a.at FROM deliveries d JOIN alerts a ON a.seq = d.alert_seq WHERE d.channel = ? AND d.state = 'pending' AND d.next_at <= ? ORDER BY d.alert_seq LIMIT 1",
      ),
      nextPendingAt: db.prepare<[string], { t: number | null }>("SELECT MIN(next_at) AS t FROM deliveries WHERE channel = ? AND state = 'pending'"),
      held: db.prepare<[string, string], DueRow>(
        "SELECT d.*, a.id, a.event, a.severity, a.session, a.summary, a.details, a.at FROM deliveries d JOIN alerts a ON a.seq = d.alert_seq WHERE d.channel = ? AND d.grp = ? AND d.state = 'held' ORDER BY d.alert_seq",
      ),
      setState: db.prepare(
        'UPDATE deliveries SET state = ?, attempts = ?, next_at = ?, last_error = ?, via = ?, done_at = ? WHERE alert_seq = ? AND channel = ?',
      ),
      claim: db.prepare('UPDATE deliveries SET via = ? WHERE alert_seq = ? AND channel = ?'),
      finishHeld: db.prepare("UPDATE deliveries SET state = ?, via = ?, done_at = ?, last_error = ? WHERE channel = ? AND grp = ? AND state = 'held'"),
      window: db.prepare<[string, string], WindowRow>('SELECT * FROM windows WHERE channel = ? AND grp = ?'),
      windows: db.prepare<[string], WindowRow>('SELECT * FROM windows WHERE channel = ?'),
      putWindow: db.prepare(
        'INSERT INTO windows VALUES (@channel, @grp, @window_ms, @started_at, @ends_at, @individually, @digest_attempts, @digest_next_at) ON CONFLICT(channel, grp) DO UPDATE SET window_ms = excluded.window_ms, started_at = excluded.started_at, ends_at = excluded.ends_at, individually = excluded.individually, digest_attempts = excluded.digest_attempts, digest_next_at = excluded.digest_next_at',
      ),
      deleteWindow: db.prepare('DELETE FROM windows WHERE channel = ? AND grp = ?'),
      counts: db.prepare<[], { state: DeliveryState; n: number }>('SELECT state, COUNT(*) AS n FROM deliveries GROUP BY state'),
      pruneDeliveries: db.prepare("DELETE FROM deliveries WHERE state IN ('sent', 'digested') AND done_at < ?"),
      pruneAlerts: db.prepare('DELETE FROM alerts WHERE seq NOT IN (SELECT alert_seq FROM deliveries)'),
    };
    // Built once: enqueue is on the trading path.
    this.insertTx = db.transaction((alert: Alert, targets: ReadonlyArray<{ channel: string; grp: string }>, now: number) => {
      const r = this.s.insertAlert.run(alert.id, alert.event, alert.severity, alert.session, alert.summary, JSON.stringify(alert.details), alert.at, now);
      if (r.changes === 0) return false;
      const seq = Number(r.lastInsertRowid);
      for (const t of targets) this.s.insertDelivery.run(seq, t.channel, t.grp, now);
      return true;
    });
  }

  /** Opens or creates the outbox (owner-only). */
  static open(path: string): Outbox {
    checkHeader(path);
    let db: Database.Database | undefined;
    try {
      createOwnerOnly(path);
      db = new Database(path, { timeout: 1000 });
      const version = db.pragma('user_version', { simple: true }) as number;
      if (version > OUTBOX_VERSION)
        throw new OutboxError(`alert outbox ${path} has version ${version}, newer than this rustybt knows (${OUTBOX_VERSION}). Upgrade rustybt`);
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      db.exec(OUTBOX_SQL);
      db.pragma(`user_version = ${OUTBOX_VERSION}`);
      return new Outbox(path, db);
    } catch (err) {
      db?.close();
      if (err instanceof OutboxError) throw err;
      throw new OutboxError(
        `cannot open alert outbox ${path} (${(err as { code?: string }).code ?? (err as Error).message}). Check the state directory's permissions`,
      );
    }
  }

  /** One alert and its deliveries in one transaction. False when an alert of that id is already in the outbox. */
  insert(alert: Alert, targets: ReadonlyArray<{ channel: string; grp: string }>, now: number): boolean {
    return this.insertTx(alert, targets, now);
  }

  nextDue(channel: string, now: number): DueRow | undefined {
    return this.s.nextDue.get(channel, now);
  }

  nextPendingAt(channel: string): number | undefined {
    return this.s.nextPendingAt.get(channel)?.t ?? undefined;
  }

  update(
    row: Pick<DueRow, 'alert_seq' | 'channel'>,
    change: { state: DeliveryState; attempts: number; nextAt: number; error?: string; via?: string; doneAt?: number },
  ): void {
    this.s.setState.run(
      change.state,
      change.attempts,
      change.nextAt,
      change.error ?? null,
      change.via ?? null,
      change.doneAt ?? null,
      row.alert_seq,
      row.channel,
    );
  }

  /** The delivery goes out on its own: recorded with the window slot it took. */
  claim(row: Pick<DueRow, 'alert_seq' | 'channel' | 'id'>): void {
    this.s.claim.run(row.id, row.alert_seq, row.channel);
  }

  held(channel: string, grp: string): DueRow[] {
    return this.s.held.all(channel, grp);
  }

  /** Every held delivery of a group goes out with (or dies with) one digest. */
  finishHeld(channel: string, grp: string, state: 'digested' | 'dead', via: string | null, now: number, error?: string): void {
    this.s.finishHeld.run(state, via, now, error ?? null, channel, grp);
  }

  window(channel: string, grp: string): WindowRow | undefined {
    return this.s.window.get(channel, grp);
  }

  windows(channel: string): WindowRow[] {
    return this.s.windows.all(channel);
  }

  putWindow(w: WindowRow): void {
    this.s.putWindow.run(w);
  }

  deleteWindow(channel: string, grp: string): void {
    this.s.deleteWindow.run(channel, grp);
  }

  /** Deliveries by state (depth = pending + held). */
  counts(): OutboxCounts {
    const out: OutboxCounts = { pending: 0, held: 0, sent: 0, digested: 0, dead: 0 };
    for (const r of this.s.counts.all()) out[r.state] = r.n;
    return out;
  }

  /**
   * Forgets deliveries sent before `before` (and alerts with none left), so the file stays small
   * over a long session. Dead letters stay: they are what an operator has to look at. An alert
   * id enqueued again after its rows are gone is a new alert: keep `before` well past any replay.
   */
  prune(before: number): number {
    return this.db.transaction(() => {
      const n = this.s.pruneDeliveries.run(before).changes;
      if (n > 0) this.s.pruneAlerts.run();
      return n;
    })();
  }

  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

/** Counts of an outbox file without writing to it (`rustybt status`); undefined when there is none. */
export function readOutboxCounts(path: string): OutboxCounts | undefined {
  if (!existsSync(path)) return undefined;
  const db = new Database(path, { readonly: true, fileMustExist: true, timeout: 500 });
  try {
    const out: OutboxCounts = { pending: 0, held: 0, sent: 0, digested: 0, dead: 0 };
    for (const r of db.prepare<[], { state: DeliveryState; n: number }>('SELECT state, COUNT(*) AS n FROM deliveries GROUP BY state').all()) out[r.state] = r.n;
    return out;
  } finally {
    db.close();
  }
}
