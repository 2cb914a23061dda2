import { existsSync } from 'node:fs';
import { DAY_MS } from '@rustybt/core';
import { analyzeLogDir, UptimeInputError, type Incident, type UptimeAnalysis } from '@rustybt/uptime';
import {
  defineValidator,
  incidentsTable,
  makeCheck,
  measuredCheck,
  skipCheck,
  timelineEvidence,
  type Check,
  type IncidentRow,
  type TimelineState,
  type Validator,
} from '@rustybt/validate';
import { readLogEvents, type LoggedEvent } from '../log-events';
import { logDirOf, type ValidateSetup } from '../setup';
import { withStore } from '../sessions';

const CHECKS = [
  'paper-trading.days-run',
  'paper-trading.uptime',
  'paper-trading.error-budget',
  'paper-trading.error-rate',
  'paper-trading.trades',
  'paper-trading.incidents',
] as const;
/** How far before an outage an event still counts as what led to it. */
const LOOKBACK_MS = 5 * 60_000;

/**
 * The probable cause of an outage: the last error, risk halt or stop logged in the minutes before
 * it began (the backdated start: one heartbeat after the last one seen), else what is known.
 */
export function probableCause(incident: Incident, events: readonly LoggedEvent[], heartbeatMs: number): string | null {
  const start = Date.parse(incident.start);
  const from = start - heartbeatMs - LOOKBACK_MS;
  const before = events.filter((e) => e.at <= start && e.at >= from);
  const stop = [...before].reverse().find((e) => e.event.event === 'session_stop');
  const error = [...before].reverse().find((e) => e.event.event === 'error');
  const halt = [...before].reverse().find((e) => e.event.event === 'risk_halt');
  const describe = (e: LoggedEvent): string => {
    const ev = e.event;
    if (ev.event === 'error') return `error ${ev.error_type}: ${ev.message} (${ev.timestamp})`;
    if (ev.event === 'session_stop') return `session_stop reason ${ev.reason}${ev.reason === 'signal' ? ' (stopped by a signal)' : ''} (${ev.timestamp})`;
    if (ev.event === 'risk_halt') return `risk_halt ${ev.rule}: ${ev.detail} (${ev.timestamp})`;
    return ev.event;
  };
  const found = [error, stop, halt].filter((e): e is LoggedEvent => e !== undefined).sort((a, b) => b.at - a.at);
  return found.length > 0 ? found.map(describe).join('; ') : null;
}

const STATE: Record<string, TimelineState> = { up: 'up', degraded: 'degraded', down: 'down', open: 'down', planned: 'planned', unknown: 'unknown' };

function uptimeChecks(a: UptimeAnalysis, events: readonly LoggedEvent[], t: { uptimePercent: number; errorRatePercent: number }): Check[] {
  const r = a.report;
  const timeline = timelineEvidence(
    'Uptime',
    r.window.start,
    r.window.end,
    a.timeline.map((s) => ({ from: new Date(s.start).toISOString(), to: new Date(s.end).toISOString(), state: STATE[s.label] ?? 'unknown' })),
  );
  const uptime = measuredCheck('paper-trading.uptime', {
    value: r.uptimePct,
    threshold: t.uptimePercent,
    comparator: '>=',
    unit: '%',
    detail: `${r.uptimePct.toFixed(4)}% over ${(r.seconds.observed / 3600).toFixed(1)} h observed; ${r.incidents.length} incidents, ${r.restarts} crash restarts, down ${r.seconds.down.toFixed(0)} s`,
    remedy: 'Find the causes in the incidents table; run the runner under systemd (Restart=always) with a watcher',
    evidence: [timeline],
  });
  const budget = measuredCheck('paper-trading.error-budget', {
    value: r.slo.budgetLeftSeconds,
    threshold: 0,
    comparator: '>=',
    unit: 's',
    detail: `${r.slo.budgetLeftSeconds.toFixed(0)} s of ${r.slo.budgetSeconds.toFixed(0)} s left`,
    remedy: 'The budget is spent: no risky change until the window rolls over',
  });
  const rate = r.errors.per1000Ops === null ? null : r.errors.per1000Ops / 10;
  const errorRate =
    rate === null
      ? skipCheck('paper-trading.error-rate', 'no order operations logged, so no rate')
      : measuredCheck('paper-trading.error-rate', {
          value: rate,
          threshold: t.errorRatePercent,
          comparator: '<=',
          unit: '%',
          detail: `${r.errors.total} errors over ${r.operations} operations (${r.errors.per1000Ops!.toFixed(2)} per 1,000)${
            r.errors.total
              ? `: ${Object.entries(r.errors.byType)
                  .map(([k, v]) => `${k} ${v}`)
                  .join(', ')}`
              : ''
          }`,
          remedy: 'See the error events: rustybt analyze-uptime --log-dir <dir> --session <name>',
        });
  const outages = r.incidents.filter((i) => i.kind !== 'planned');
  const rows: IncidentRow[] = r.incidents.map((i) => ({
    start: i.start,
    end: i.kind === 'open' ? null : i.end,
    durationSeconds: Math.round(i.durationSeconds),
    kind: i.kind,
    cause: probableCause(i, events, r.settings.heartbeatSeconds * 1000),
  }));
  const unexplained = rows.filter((row) => row.kind !== 'planned' && row.cause === null);
  const incidents = makeCheck('paper-trading.incidents', unexplained.length ? 'WARN' : 'PASS', {
    value: outages.length,
    detail:
      r.incidents.length === 0
        ? 'no downtime'
        : `${outages.length} outages, ${r.incidents.length - outages.length} planned stops; ${unexplained.length ? `${unexplained.length} without a logged cause (the process died silently: OOM kill, SIGKILL or host loss; check journalctl and dmesg)` : 'each with a probable cause'}`,
    remedy: 'Look at journalctl -u <runner unit> and dmesg around each start time',
    evidence: [incidentsTable(rows)],
  });
  return [uptime, budget, errorRate, incidents];
}

/** The 30-day paper validation of one session, interim or complete: days, uptime, budget, errors, trades, incidents. */
export function paperTradingValidator(s: ValidateSetup): Validator {
  return defineValidator({
    id: 'paper-trading',
    title: 'Paper-trading validation',
    modes: ['standard', 'thorough'],
    async run(ctx) {
      const session = s.session;
      if (!session)
        return CHECKS.map((id) => skipCheck(id, 'no --session given', { remedy: 'Run rustybt validate --session <name> for the session under validation' }));
      const logDir = logDirOf(s);
      ctx.progress(`analyzing ${session.name}'s logs`);
      let analysis: UptimeAnalysis;
      try {
        analysis = await analyzeLogDir({ logDir, session: session.name, sloTargetPct: ctx.thresholds.uptimePercent });
      } catch (err) {
        if (!(err instanceof UptimeInputError)) throw err;
        return CHECKS.map((id) => skipCheck(id, err.message.split('. ')[0]!, { remedy: 'Validate a session that has run and logged heartbeats' }));
      }
      const events = readLogEvents(logDir, session.name).events;
      const r = analysis.report;
      const firstStart = events.find((e) => e.event.event === 'session_start')?.at ?? Date.parse(r.window.start);
      const days = (Date.parse(r.window.end) - firstStart) / DAY_MS;
      const target = ctx.thresholds.paperTradingDays;
      const daysRun = measuredCheck('paper-trading.days-run', {
        value: +days.toFixed(2),
        threshold: target,
        comparator: '>=',
        missed: 'WARN',
        unit: 'days',
        detail:
          days >= target
            ? `complete: ${days.toFixed(1)} days of ${target}`
            : `interim: ${days.toFixed(1)} days of ${target} so far (${(target - days).toFixed(1)} to go)`,
        remedy: `Keep the session running until ${new Date(firstStart + target * DAY_MS).toISOString().slice(0, 10)}`,
      });
      const fills = existsSync(session.stateFile)
        ? withStore(session.stateFile, (st) => st.fillCount())
        : events.filter((e) => e.event.event === 'order_filled').length;
      const trades = makeCheck('paper-trading.trades', fills > 0 ? 'PASS' : 'FAIL', {
        value: fills,
        threshold: 1,
        comparator: '>=',
        detail: `${fills} fills`,
        remedy: 'A validation without trades proves nothing about the order path: check the strategy and its parameters',
      });
      return [daysRun, ...uptimeChecks(analysis, events, ctx.thresholds), trades];
    },
  });
}
