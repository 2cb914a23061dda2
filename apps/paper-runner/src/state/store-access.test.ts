import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import Decimal from 'decimal.js';
import { afterEach, describe, expect, it } from 'vitest';
import { orderToRow } from './rows';
import { lockFileOf, SessionLock } from './session-lock';
import { StateStore } from './store';

const dirs: string[] = [];
function tempHome(): string {
  const dir = mkdtempSync(join(tmpdir(), 'rustybt-access-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const order = (id: string) =>
  orderToRow({
    clientOrderId: id,
    symbol: 'SIM',
    side: 'buy',
    type: 'market',
    quantity: new Decimal(1),
    timeInForce: 'GTC',
    createdAt: 1000,
    status: 'accepted',
    filledQuantity: new Decimal(0),
    updatedAt: 1000,
  });
const modeOf = (p: string) => (statSync(p).mode & 0o777).toString(8);

describe('StateStore access: one writer, many readers', () => {
  it('reads (status) and takes an online backup while the writer holds the session and has a batch open', async () => {
    const path = join(tempHome(), 'state', 's.db');
    const writer = StateStore.open(path, { exclusive: true });
    writer.upsertOrder(order('s-1'));
    writer.begin();
    writer.upsertOrder(order('s-2'));
    const reader = StateStore.openReadOnly(path);
    // The reader sees the last commit, not the open batch.
    expect(reader.orders().map((o) => o.client_order_id)).toEqual(['s-1']);
    reader.close();
    const source = new Database(path, { readonly: true });
    const copy = join(tempHome(), 'copy.db');
    await source.backup(copy, { progress: () => 0x7fffffff });
    source.close();
    writer.commit();
    expect(writer.orders()).toHaveLength(2);
    writer.close();
    const restored = StateStore.openReadOnly(copy);
    expect(restored.orders().map((o) => o.client_order_id)).toEqual(['s-1']);
    restored.close();
  });

  it('a second writer is refused while the first holds the session lock, and may open once it is closed', () => {
    const path = join(tempHome(), 'state', 's.db');
    const first = StateStore.open(path, { exclusive: true });
    expect(SessionLock.isHeld(path)).toBe(true);
    expect(() => StateStore.open(path, { lockTimeoutMs: 50 })).toThrow(
      /^state file .*s\.db is locked by another process \(is a runner already using this session\?\)/,
    );
    expect(() => SessionLock.acquire(path, 0)).toThrow(/is locked by another process/);
    first.close();
    expect(SessionLock.isHeld(path)).toBe(false);
    StateStore.open(path).close();
  });

  it('creates the state folder 0700 and the database, its WAL, shared memory and lock 0600 whatever the umask', () => {
    const home = tempHome();
    const path = join(home, 'state', 's.db');
    const umask = process.umask(0o022);
    try {
      const store = StateStore.open(path, { exclusive: true });
      store.upsertOrder(order('s-1'));
      expect(modeOf(join(home, 'state'))).toBe('700');
      const files = readdirSync(join(home, 'state')).sort();
      expect(files).toEqual(['s.db', 's.db-shm', 's.db-wal', 's.db.lock']);
      for (const f of files) expect([f, modeOf(join(home, 'state', f))]).toEqual([f, '600']);
      expect(lockFileOf(path)).toBe(join(home, 'state', 's.db.lock'));
      store.close();
    } finally {
      process.umask(umask);
    }
  });

  it('durable: full syncs every commit (synchronous=FULL); the default is NORMAL', () => {
    const home = tempHome();
    const normal = StateStore.open(join(home, 'state', 'a.db'));
    expect(normal.durability).toBe('normal');
    normal.close();
    const full = StateStore.open(join(home, 'state', 'b.db'), { durable: 'full' });
    expect(full.durability).toBe('full');
    full.close();
  });

  it('read-only open never migrates or writes: a foreign database is left byte for byte as it was', () => {
    const path = join(tempHome(), 'state', 'foreign.db');
    mkdirSync(join(path, '..'));
    const foreign = new Database(path);
    foreign.exec("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('keep me')");
    foreign.close();
    const before = readFileSync(path);
    expect(() => StateStore.openReadOnly(path)).toThrow(/foreign\.db is not a rustybt state file/);
    expect(readFileSync(path)).toEqual(before);
    const tables = new Database(path, { readonly: true });
    expect(tables.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all()).toEqual(['notes']);
    tables.close();
    expect(readdirSync(join(path, '..'))).toEqual(['foreign.db']);
  });

  it('read-only open refuses to write', () => {
    const path = join(tempHome(), 'state', 's.db');
    StateStore.open(path).close();
    const reader = StateStore.openReadOnly(path);
    expect(reader.readOnly).toBe(true);
    expect(() => reader.upsertOrder(order('s-9'))).toThrow(/readonly/);
    reader.close();
  });
});
