import { join } from 'node:path';
import type { Command } from 'commander';
import { Alerting, type AlertingMetrics } from '@rustybt/alerts';
import { parseDuration, secretValuesFromEnv } from '@rustybt/core';
import type { WatchFlags } from './watch-flags';
import { CliError } from '../errors';
import { globalsOf } from '../globals';
import { loadEffectiveConfig } from '../load-config';
import { configuredChannels } from './configured-channels';
import { lastLiveness } from './last-liveness';
import { judge } from './watch-check';
import { readWatchState, writeWatchState, type WatchState } from './watch-state';

const SESSION = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
/** A stopping watcher waits this long for a due alert to leave. */
const FLUSH_MS = 10_000;

interface Watch {
  session: string;
  staleMs: number;
  logDir: string;
  stateFile: string;
  alerting: Alerting;
  json: boolean;
}

function line(w: Watch, s: WatchState, alerted: boolean, m: AlertingMetrics): string {
  if (w.json)
    return JSON.stringify({
      session: w.session,
      state: s.state,
      since: new Date(s.since).toISOString(),
      lastSeenAt: new Date(s.lastSeenAt).toISOString(),
      ageMs: s.checkedAt - s.lastSeenAt,
      staleMs: w.staleMs,
      alerted,
      alerts: { sent: m.sent, failed: m.failed, dead: m.dead, queued: m.depth },
    });
  const age = Math.round((s.checkedAt - s.lastSeenAt) / 1000);
  const queued = m.depth > 0 ? `, ${m.depth} alert(s) queued for retry` : '';
  return `session ${w.session}: ${s.state} (last sign of life ${age} s ago, at ${new Date(s.lastSeenAt).toISOString()})${alerted ? ', alert raised' : ''}${queued}`;
}

/** One look at the log: the new state is stored before its alert is queued, so a crash between them loses no alert the next check would not raise again (same id). */
function checkOnce(w: Watch): { state: WatchState; alerted: boolean } {
  const verdict = judge(w.session, lastLiveness(w.logDir, w.session), w.staleMs, Date.now(), readWatchState(w.stateFile));
  if (verdict.alert) w.alerting.enqueue(verdict.alert);
  writeWatchState(w.stateFile, verdict.next);
  return { state: verdict.next, alerted: verdict.alert !== undefined };
}

/** `rustybt watch`: the watcher beside the runner (continuous, or --once under a systemd timer). */
export async function runWatch(opts: WatchFlags, cmd: Command): Promise<void> {
  if (!SESSION.test(opts.session)) throw new CliError(`bad --session '${opts.session}'. Use the runner's session name (letters, digits, '.', '_', '-')`);
  const staleMs = parseDuration(opts.stale);
  if (staleMs === undefined || staleMs < 1000) throw new CliError(`bad --stale '${opts.stale}'. Give a duration of at least 1s, such as 60s or 5m`);
  const loaded = loadEffectiveConfig(cmd, opts.logDir ? { logDir: opts.logDir } : {});
  const config = configuredChannels(loaded);
  const logDir = loaded.config.logDir ?? loaded.layout.logs;
  const base = join(loaded.layout.state, opts.session);
  const alerting = Alerting.open({
    file: `${base}.watch.alerts.db`,
    config,
    resolveSecret: (n) => loaded.env[n] || undefined,
    secrets: secretValuesFromEnv(loaded.env),
  });
  const w: Watch = { session: opts.session, staleMs, logDir, stateFile: `${base}.watch.json`, alerting, json: globalsOf(cmd).json };
  try {
    if (opts.once) {
      const { state, alerted } = checkOnce(w);
      // What is due goes now (this alert, earlier ones due for a retry); the rest waits for the next run.
      await alerting.sender.drain();
      process.stdout.write(`${line(w, state, alerted, alerting.metrics())}\n`);
      if (state.state === 'down') process.exitCode = 1;
      return;
    }
    await watchLoop(w);
  } finally {
    await alerting.close(opts.once ? 0 : FLUSH_MS);
  }
}

/** Checks every quarter of --stale (between 250 ms and 5 s) until SIGINT or SIGTERM; prints a line per change. */
async function watchLoop(w: Watch): Promise<void> {
  w.alerting.start();
  const everyMs = Math.min(5000, Math.max(250, Math.floor(w.staleMs / 4)));
  let last: WatchState['state'] | undefined;
  await new Promise<void>((resolve, reject) => {
    const tick = () => {
      try {
        const { state, alerted } = checkOnce(w);
        if (state.state !== last || alerted) process.stdout.write(`${line(w, state, alerted, w.alerting.metrics())}\n`);
        last = state.state;
      } catch (err) {
        stop();
        reject(err);
      }
    };
    const timer = setInterval(tick, everyMs);
    const stop = () => {
      clearInterval(timer);
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    tick();
  });
}
