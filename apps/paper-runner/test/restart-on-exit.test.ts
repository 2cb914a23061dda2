import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeLogDir } from '@rustybt/uptime';
import { afterAll, describe, expect, it } from 'vitest';
import { StateStore } from '../src/state/store';
import { metric, PROCESS_TEST_TIMEOUT_MS, readEvents, sleep, startRunner, STRATEGY, until } from './support/runner-process';

const home = mkdtempSync(join(tmpdir(), 'rustybt-restart-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));

describe('under a restart-on-exit supervisor (systemd Restart=always, PM2 autorestart)', { timeout: PROCESS_TEST_TIMEOUT_MS }, () => {
  it('each restart resumes the session where the last one stopped; stops are planned downtime', async () => {
    const logDir = join(home, 'logs');
    const args = ['--strategy', STRATEGY, '--session', 'supervised', '--heartbeat', '250ms', '--speed', '30000', '--log-dir', logDir];
    const lastBars: number[] = [];
    // What the supervisor does: start, and start again whenever the process exits.
    for (let i = 0; i < 3; i++) {
      const run = startRunner(i === 1 ? [...args, '--duration', '2s'] : args, { RUSTYBT_HOME: home });
      if (i !== 1) {
        const url = await run.url;
        // Stop once this run has moved the session on by a few bars, however slow the machine.
        const first = await metric(url, 'rustybt_bars_processed_total');
        await until('a few more bars', async () => (await metric(url, 'rustybt_bars_processed_total')) >= (Number.isNaN(first) ? 0 : first) + 5);
        run.child.kill('SIGTERM');
      }
      expect((await run.exited).code).toBe(0);
      const store = StateStore.open(join(home, 'state', 'supervised.db'));
      lastBars.push(store.checkpoint()!.last_bar_time);
      store.close();
      await sleep(200);
    }
    expect(lastBars[1]).toBeGreaterThan(lastBars[0]!);
    expect(lastBars[2]).toBeGreaterThan(lastBars[1]!);

    const events = readEvents(logDir);
    expect(events.filter((e) => e.event === 'session_start').map((e) => e.resumed)).toEqual([false, true, true]);
    expect(events.filter((e) => e.event === 'session_stop').map((e) => e.reason)).toEqual(['signal', 'duration_elapsed', 'signal']);
    const report = (await analyzeLogDir({ logDir, mergeGapMs: 1 })).report;
    expect(report.restarts).toBe(0);
    expect(report.incidents.filter((i) => i.kind === 'planned')).toHaveLength(2);
  });
});
