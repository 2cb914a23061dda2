import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeLogDir } from '@rustybt/uptime';
import { afterAll, describe, expect, it } from 'vitest';
import { StateStore } from '../src/state/store';
import { seededRandom } from '@rustybt/engine';
import { PROCESS_TEST_TIMEOUT_MS, readEvents, sleep, startRunner, STRATEGY, until } from './support/runner-process';

const home = mkdtempSync(join(tmpdir(), 'rustybt-crash-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));
const env = { RUSTYBT_HOME: home };
const KILLS = 4;
const HEARTBEAT_MS = 250;

function runnerArgs(session: string, logDir: string, speed: string) {
  return ['--strategy', STRATEGY, '--data', 'replay:sim', '--session', session, '--log-dir', logDir, '--heartbeat', `${HEARTBEAT_MS}ms`, '--speed', speed];
}

function stateOf(session: string) {
  const store = StateStore.open(join(home, 'state', `${session}.db`));
  try {
    // Client order ids are `<session>-<seq>`: compare the sequence, the session names differ on purpose.
    const local = (id: string) => id.slice(session.length);
    const fills = store.fills().map(({ order_id: _venueId, ...f }) => ({ ...f, fill_id: local(f.fill_id), client_order_id: local(f.client_order_id) }));
    const orders = store.orders().map((o) => ({ id: local(o.client_order_id), side: o.side, qty: o.quantity, status: o.status, filled: o.filled_quantity }));
    return { fills, orders, positions: store.positions(), cash: store.cash(), checkpoint: store.checkpoint(), runs: store.runs() };
  } finally {
    store.close();
  }
}

describe('crash recovery (kill -9 at seeded random moments, restart with the same session)', () => {
  it(
    'ends with the fills, positions and cash of an uninterrupted run, and the log shows every outage and restart',
    async () => {
      // Reference: the same replayed feed, uninterrupted, as fast as it goes.
      const reference = startRunner(runnerArgs('reference', join(home, 'logs-reference'), 'max'), env);
      expect((await reference.exited).code).toBe(0);

      // 1000 one-minute bars at 20000x: about 3 s of market replay, killed KILLS times on the way.
      const logDir = join(home, 'logs-crash');
      const random = seededRandom(20261121);
      let kills = 0;
      let last: Awaited<ReturnType<typeof startRunner>['exited']> | undefined;
      for (let attempt = 0; attempt < 20; attempt++) {
        const run = startRunner(runnerArgs('crashy', logDir, '20000'), env);
        if (kills < KILLS) {
          await run.url;
          // Its start is in the log before the kill (the runner writes it asynchronously; a kill -9 on
          // a loaded machine could otherwise take it along), then the seeded random moment.
          const mine = () => readEvents(logDir).filter((e) => e.pid === run.child.pid);
          await until(
            "this run's session_start and first heartbeat in the log",
            () => mine().some((e) => e.event === 'session_start') && mine().some((e) => e.event === 'heartbeat'),
          );
          await sleep(150 + Math.floor(random() * 450));
          if (run.child.exitCode === null) {
            run.child.kill('SIGKILL');
            const r = await run.exited;
            expect(r.signal).toBe('SIGKILL');
            kills++;
            // The outage: long enough that heartbeats are visibly missing (> interval + grace).
            await sleep(3 * HEARTBEAT_MS);
            continue;
          }
        }
        last = await run.exited;
        break;
      }
      expect(kills).toBe(KILLS);
      expect(last?.code).toBe(0);

      const crashed = stateOf('crashy');
      const uninterrupted = stateOf('reference');
      expect(crashed.fills.length).toBeGreaterThan(10);
      expect(crashed.fills).toEqual(uninterrupted.fills);
      expect(crashed.orders).toEqual(uninterrupted.orders);
      expect(crashed.positions).toEqual(uninterrupted.positions);
      expect(crashed.cash).toEqual(uninterrupted.cash);
      expect(crashed.checkpoint?.bars_processed).toBe(1000);
      expect(crashed.checkpoint?.equity).toBe(uninterrupted.checkpoint?.equity);
      expect(crashed.checkpoint?.strategy_state).toBe(uninterrupted.checkpoint?.strategy_state);
      expect(crashed.runs).toHaveLength(KILLS + 1);

      const events = readEvents(logDir);
      const starts = events.filter((e) => e.event === 'session_start');
      expect(starts.map((e) => e.resumed)).toEqual([false, ...Array<boolean>(KILLS).fill(true)]);
      // No order or fill logged twice, even though each crash threw away a bar in flight.
      for (const name of ['order_submitted', 'order_filled']) {
        const ids = events.filter((e) => e.event === name).map((e) => e.client_order_id);
        expect(new Set(ids).size).toBe(ids.length);
      }
      // Each restart follows a heartbeat gap wider than interval + grace, with no session_stop before it.
      for (let i = 1; i < starts.length; i++) {
        const at = events.indexOf(starts[i]!);
        const before = events.slice(0, at).filter((e) => e.pid === starts[i - 1]!.pid);
        expect(before.at(-1)?.event).not.toBe('session_stop');
        const lastBeat = before.filter((e) => e.event === 'heartbeat').at(-1)!;
        expect(Date.parse(starts[i]!.timestamp) - Date.parse(lastBeat.timestamp)).toBeGreaterThan(2 * HEARTBEAT_MS);
      }
      const analysis = await analyzeLogDir({ logDir, mergeGapMs: 1 });
      expect(analysis.report.restarts).toBe(KILLS);
      // At least one incident per kill (a heavily loaded machine may add a late heartbeat of its own).
      expect(analysis.report.incidents.filter((i) => i.kind === 'crash').length).toBeGreaterThanOrEqual(KILLS);
    },
    PROCESS_TEST_TIMEOUT_MS,
  );
});
