import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Outbox } from '@rustybt/alerts';
import { outboxPathOf } from '../alerts/outbox-path';
import { RunnerHttpServer } from '../http/server';
import { RunnerMetrics } from '../http/metrics';
import { StateStore } from '../state/store';
import { readSessionStatus } from './read-status';
import { statusFromStore } from './report';
import { runtimeFilePath, writeRuntimeFile } from './runtime-file';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function stateDirWith(session: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'rustybt-status-'));
  dirs.push(dir);
  const store = StateStore.open(join(dir, `${session}.db`));
  store.setMeta({ strategy: '/s.ts', broker: 'paper', data: 'sim', symbol: 'SIM', capital: '10000' });
  const run = store.beginRun({ pid: 99999, version: '0.1.0', startedAt: 1_000, resumed: false });
  store.saveCheckpoint({ last_bar_time: 60_000, bars_processed: 7, equity: '10001.5', strategy_state: '{}', engine_snapshot: '{}', updated_at: 2_000 });
  store.endRun(run, 3_000, 'signal');
  store.close();
  return dir;
}

describe('readSessionStatus', () => {
  it("shows the session's alert outbox, dead letters included", async () => {
    const dir = stateDirWith('alerted');
    const outbox = Outbox.open(outboxPathOf(join(dir, 'alerted.db'), 'alerted'));
    const alert = (id: string) => ({ id, event: 'order_rejected', severity: 'warning' as const, session: 'alerted', summary: 'x', details: {}, at: 1 });
    outbox.insert(alert('a1'), [{ channel: 'hook', grp: 'g1' }], 1);
    outbox.insert(alert('a2'), [{ channel: 'hook', grp: 'g2' }], 1);
    const due = outbox.nextDue('hook', 10)!;
    outbox.update(due, { state: 'dead', attempts: 8, nextAt: 0, doneAt: 10, error: 'HTTP 500' });
    outbox.close();
    const report = await readSessionStatus({ stateDir: dir, session: 'alerted' });
    expect(report.alerts).toMatchObject({ pending: 1, dead: 1, sent: 0 });
    expect((await readSessionStatus({ stateDir: stateDirWith('quiet'), session: 'quiet' })).alerts).toBeUndefined();
  });

  it('falls back to the state file when the recorded endpoint is dead (a crashed runner)', async () => {
    const dir = stateDirWith('crashed');
    writeRuntimeFile(runtimeFilePath(dir, 'crashed'), { pid: 99999, url: 'http://127.0.0.1:9', startedAt: 1_000 });
    const report = await readSessionStatus({ stateDir: dir, timeoutMs: 500 });
    expect(report).toMatchObject({
      session: 'crashed',
      running: false,
      source: 'state',
      barsProcessed: 7,
      equity: '10001.5',
      lastStop: { reason: 'signal' },
      restarts: 0,
    });
  });

  it('asks the live endpoint first', async () => {
    const dir = stateDirWith('live');
    const store = StateStore.open(join(dir, 'live.db'));
    const live = statusFromStore('live', store, {
      pid: 4242,
      url: null,
      startedAt: 0,
      state: 'RUNNING',
      equity: '1',
      barsProcessed: 3,
      lastBarTime: null,
      now: 5_000,
    });
    store.close();
    const metrics = new RunnerMetrics({ session: 'live' });
    metrics.observe({ ordersByStatus: () => ({}), equity: () => 1, heartbeatAgeMs: () => 0, lastBarAgeMs: () => 0, brokerConnected: () => true });
    const server = await RunnerHttpServer.start(0, { registry: metrics.registry, health: () => ({ live: true, ready: true }), status: () => live });
    try {
      writeRuntimeFile(runtimeFilePath(dir, 'live'), { pid: 4242, url: server.url, startedAt: 0 });
      expect(await readSessionStatus({ stateDir: dir, session: 'live' })).toMatchObject({ running: true, source: 'http', pid: 4242, uptimeSeconds: 5 });
    } finally {
      await server.close();
    }
  });

  it('names the sessions there are when asked for one that is not', async () => {
    const dir = stateDirWith('known');
    await expect(readSessionStatus({ stateDir: dir, session: 'other' })).rejects.toMatchObject({
      exitCode: 2,
      message: expect.stringMatching(/^no session 'other' in .*\. Sessions: known$/),
    });
  });

  it('refuses a session name that is a path, and leaves a database there untouched', async () => {
    const home = mkdtempSync(join(tmpdir(), 'rustybt-status-'));
    dirs.push(home);
    mkdirSync(join(home, 'state'));
    const foreign = join(home, 'x.db');
    const db = new Database(foreign);
    db.exec("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('keep me')");
    db.close();
    const before = readFileSync(foreign);
    await expect(readSessionStatus({ stateDir: join(home, 'state'), session: '../x' })).rejects.toMatchObject({
      exitCode: 2,
      message: "bad --session '../x'. Use up to 64 letters, digits, '.', '_' or '-', starting with a letter or digit",
    });
    expect(readFileSync(foreign)).toEqual(before);
    expect(readdirSync(home).sort()).toEqual(['state', 'x.db']);
  });

  it('reads a state file read-only: a foreign database under a session name is not migrated', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rustybt-status-'));
    dirs.push(dir);
    const foreign = join(dir, 'other.db');
    const db = new Database(foreign);
    db.exec("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('keep me')");
    db.close();
    const before = readFileSync(foreign);
    await expect(readSessionStatus({ stateDir: dir, session: 'other' })).rejects.toMatchObject({
      exitCode: 2,
      message: expect.stringMatching(/other\.db is not a rustybt state file/),
    });
    expect(readFileSync(foreign)).toEqual(before);
    const check = new Database(foreign, { readonly: true });
    expect(check.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all()).toEqual(['notes']);
    check.close();
  });
});
