import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createBackup, restoreArchive, verifyRestore } from '../src/backup/index';
import { SessionLock } from '../src/state/session-lock';
import { StateStore } from '../src/state/store';
import { sleep, startRunner, STRATEGY } from './support/runner-process';
import { tempHome } from './support/backup-home';

const live = tempHome('rustybt-backup-live-');
const fresh = tempHome('rustybt-backup-fresh-');
afterAll(() => [live, fresh].forEach((h) => rmSync(h.home, { recursive: true, force: true })));

const SESSION = 'mid';
// 1000 replayed one-minute bars at 5000x: about 12 s of trading, long enough to back up in the middle.
const args = ['--strategy', STRATEGY, '--data', 'replay:sim', '--session', SESSION, '--heartbeat', '250ms', '--speed', '5000'];

function barsOf(stateFile: string): number {
  if (!existsSync(stateFile)) return 0;
  try {
    const store = StateStore.openReadOnly(stateFile);
    try {
      return store.checkpoint()?.bars_processed ?? 0;
    } finally {
      store.close();
    }
  } catch {
    return 0;
  }
}

function finalState(stateFile: string) {
  const store = StateStore.openReadOnly(stateFile);
  try {
    const c = store.checkpoint()!;
    // order_id is the paper broker's own counter, which starts again in every process (as in crash-recovery).
    return {
      orders: store.orders().map(({ order_id: _paperId, ...o }) => o),
      fills: store.fills().map(({ order_id: _paperId, ...f }) => f),
      positions: store.positions(),
      cash: store.cash(),
      checkpoint: { bars: c.bars_processed, last: c.last_bar_time, equity: c.equity, strategy: c.strategy_state },
    };
  } finally {
    store.close();
  }
}

describe('backup of a running session', () => {
  it('is taken while the runner trades, restores into a fresh home and resumes to the end of an uninterrupted run', async () => {
    const stateFile = join(live.state, `${SESSION}.db`);
    const run = startRunner(args, { RUSTYBT_HOME: live.home });
    await run.url;
    while (barsOf(stateFile) < 100 && run.child.exitCode === null) await sleep(50);
    expect(SessionLock.isHeld(stateFile)).toBe(true);

    const backup = await createBackup({ home: live, session: SESSION });
    const backedUp = backup.manifest.sessions[0]!;
    expect(backedUp.fills).toBeGreaterThan(0);

    // While the runner holds the session: restore refuses, and writes nothing.
    await expect(restoreArchive({ archive: backup.archive, home: live, session: SESSION, force: true })).rejects.toMatchObject({
      exitCode: 2,
      message: `session '${SESSION}' is running (a runner holds its lock). Stop it (rustybt status shows it), then restore`,
    });
    expect(readdirSync(live.state).filter((f) => f.includes('pre-restore'))).toEqual([]);
    expect(readdirSync(live.home).filter((f) => f.startsWith('.restore-'))).toEqual([]);

    // verify-restore while it runs: the copy is sound, the live session is ahead of it.
    const verified = await verifyRestore({ archive: backup.archive, home: live });
    expect(verified.problems).toEqual([]);
    expect(verified.sessions[0]!.live).not.toBeNull();

    const done = await run.exited;
    expect(done.code).toBe(0);
    const uninterrupted = finalState(stateFile);
    expect(uninterrupted.checkpoint.bars).toBe(1000);
    // The backup was a real middle: taken before the end, with bars still to come.
    expect(Date.parse(backedUp.lastBarTime!)).toBeLessThan(uninterrupted.checkpoint.last);

    await restoreArchive({ archive: backup.archive, home: fresh });
    const resumed = startRunner([...args, '--speed', 'max'], { RUSTYBT_HOME: fresh.home });
    const r = await resumed.exited;
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(new RegExp(`resumed session ${SESSION} after \\d+ bars \\(last bar ${backedUp.lastBarTime!.replace(/[.]/g, '\\.')}\\)`));
    const after = finalState(join(fresh.state, `${SESSION}.db`));
    expect(after.fills.length).toBeGreaterThan(backedUp.fills);
    expect(after).toEqual(uninterrupted);
  }, 180_000);
});
