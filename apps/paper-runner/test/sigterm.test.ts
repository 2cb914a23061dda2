import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { StateStore } from '../src/state/store';
import { metric, PROCESS_TEST_TIMEOUT_MS, readEvents, startRunner, STRATEGY, until } from './support/runner-process';

const modeOf = (path: string) => (statSync(path).mode & 0o777).toString(8);
const home = mkdtempSync(join(tmpdir(), 'rustybt-sigterm-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));

describe('graceful stop', { timeout: PROCESS_TEST_TIMEOUT_MS }, () => {
  it('SIGTERM: stops taking bars and orders, checkpoints, logs session_stop signal and exits 0', async () => {
    const logDir = join(home, 'logs');
    const run = startRunner(['--strategy', STRATEGY, '--session', 'term', '--heartbeat', '100ms', '--speed', '6000', '--log-dir', logDir], {
      RUSTYBT_HOME: home,
    });
    await run.url;
    expect(existsSync(join(home, 'state', 'term.run.json'))).toBe(true);
    expect(modeOf(join(home, 'state', 'term.run.json'))).toBe('600');
    // Stop once it has done some work (3 heartbeats, more than 10 bars), however slow the machine.
    await until('3 heartbeats', () => readEvents(logDir).filter((e) => e.event === 'heartbeat').length >= 3);
    await until('more than 10 bars', async () => (await metric(await run.url, 'rustybt_bars_processed_total')) > 10);
    run.child.kill('SIGTERM');
    const r = await run.exited;
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/session term stopped \(signal\)/);

    const events = readEvents(logDir);
    expect(events[0]).toMatchObject({ event: 'session_start', resumed: false, heartbeat_interval_ms: 100, broker: 'paper', mode: 'paper' });
    expect(events.at(-1)).toMatchObject({ event: 'session_stop', reason: 'signal' });
    expect(events.at(-2)).toMatchObject({ event: 'heartbeat', state: 'STOPPING' });
    const beats = events.filter((e) => e.event === 'heartbeat');
    expect(beats.length).toBeGreaterThanOrEqual(3);
    expect(beats.map((b) => b.seq)).toEqual(beats.map((_, i) => i));

    const store = StateStore.open(join(home, 'state', 'term.db'));
    const checkpoint = store.checkpoint();
    expect(checkpoint?.bars_processed).toBeGreaterThan(10);
    expect(store.runs()).toMatchObject([{ stop_reason: 'signal', resumed: 0 }]);
    store.close();
    expect(existsSync(join(home, 'state', 'term.run.json'))).toBe(false);
    // Logs are owner-only: the folder 0700, every file in it (log, rotation audit) 0600.
    expect(modeOf(logDir)).toBe('700');
    expect(readdirSync(logDir).map((f) => [f, modeOf(join(logDir, f))])).toEqual(readdirSync(logDir).map((f) => [f, '600']));
  });

  it('--duration elapsed: session_stop reason duration_elapsed, exit 0', async () => {
    const logDir = join(home, 'logs-duration');
    const run = startRunner(
      ['--strategy', STRATEGY, '--session', 'timed', '--heartbeat', '100ms', '--speed', '6000', '--duration', '800ms', '--log-dir', logDir],
      { RUSTYBT_HOME: home },
    );
    const r = await run.exited;
    expect(r.code).toBe(0);
    expect(readEvents(logDir).at(-1)).toMatchObject({ event: 'session_stop', reason: 'duration_elapsed' });
  });
});
