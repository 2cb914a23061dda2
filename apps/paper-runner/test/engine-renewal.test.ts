import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveRunnerOptions } from '../src/options/runner-options';
import { PaperRunner } from '../src/runner/paper-runner';
import { StateStore } from '../src/state/store';
import { STRATEGY } from './support/runner-process';

const home = mkdtempSync(join(tmpdir(), 'rustybt-renewal-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));

async function replay(session: string, renewAfterFills?: number) {
  const options = resolveRunnerOptions({ strategy: STRATEGY, data: 'replay:sim', speed: '60000', heartbeat: '1s', session }, { RUSTYBT_HOME: home });
  const runner = await PaperRunner.start({ ...options, ...(renewAfterFills ? { renewAfterFills } : {}) });
  const summary = await runner.finished;
  const store = StateStore.open(options.stateFile);
  const fills = store.fills().map((f) => ({ ...f, fill_id: f.fill_id.slice(session.length), client_order_id: f.client_order_id.slice(session.length), order_id: null }));
  const state = { fills, cash: store.cash(), positions: store.positions(), equity: store.checkpoint()?.equity, strategyState: store.checkpoint()?.strategy_state };
  store.close();
  return { summary, state };
}

describe('engine renewal in a long session', () => {
  // Paced (a bar a millisecond) so that batches are small and renewals fall between many of them.
  it('renewing the engine from its snapshot every few fills changes nothing the session records', async () => {
    const plain = await replay('plain');
    const renewed = await replay('renewed', 5);
    expect(plain.summary.engineRenewals).toBe(0);
    expect(renewed.summary.engineRenewals).toBeGreaterThan(5);
    expect(renewed.summary.reason).toBe('completed');
    expect(renewed.state.fills.length).toBeGreaterThan(30);
    expect(renewed.state).toEqual(plain.state);
    expect(renewed.summary.equity).toBe(plain.summary.equity);
  });
});
