import type { UptimeReport } from '../analyze/report-types';
import { humanSeconds, pct } from './figures';

/** The report as a Markdown page (for an issue, a PR or a wiki). */
export function markdownReport(r: UptimeReport): string {
  const s = r.seconds;
  const rows: [string, string][] = [
    ['Window', `${r.window.start} .. ${r.window.end} (${humanSeconds(s.window)})`],
    ['Uptime', pct(r.uptimePct)],
    ['SLO target', `${pct(r.slo.target)} — **${r.slo.met ? 'met' : 'missed'}**`],
    ['Error budget', `${humanSeconds(r.slo.budgetSeconds)} (left: ${humanSeconds(r.slo.budgetLeftSeconds)})`],
    ['Observed', humanSeconds(s.observed)],
    ['Unknown (leading edge)', humanSeconds(s.unknown)],
    ['Down (unplanned)', humanSeconds(s.down)],
    [`Planned${r.settings.excludePlanned ? ' (excluded)' : ''}`, humanSeconds(s.planned)],
    ['Degraded (HALTED)', humanSeconds(s.degraded)],
    ['Worst burn rate 1h / 6h / 1d', (['1h', '6h', '1d'] as const).map((k) => (r.burnRate[k] ? `${r.burnRate[k]!.rate}x` : 'n/a')).join(' / ')],
    ['Restarts after crashes', String(r.restarts)],
    ['MTTR', r.mttrSeconds === null ? 'n/a' : humanSeconds(r.mttrSeconds)],
    ['MTBF', r.mtbfSeconds === null ? 'n/a' : humanSeconds(r.mtbfSeconds)],
    ['Operations', String(r.operations)],
    ['Errors', `${r.errors.total}${r.errors.per1000Ops === null ? '' : ` (${r.errors.per1000Ops} per 1000 operations)`}`],
    ['Lines read / malformed', `${r.lines.read} / ${r.lines.malformed}`],
    ['Clock steps backwards', r.clock.backwardSteps ? `${r.clock.backwardSteps} (largest ${humanSeconds(r.clock.largestStepSeconds)})` : '0'],
  ];
  const out = [`# Uptime report`, '', '| | |', '|---|---|', ...rows.map(([k, v]) => `| ${k} | ${v} |`), ''];
  if (Object.keys(r.errors.byType).length) {
    out.push('## Errors by type', '', '| type | count |', '|---|---|', ...Object.entries(r.errors.byType).map(([k, v]) => `| ${k} | ${v} |`), '');
  }
  out.push('## Incidents', '');
  if (r.incidents.length === 0) out.push('None.', '');
  else
    out.push(
      '| start | end | kind | duration |',
      '|---|---|---|---|',
      ...r.incidents.map((i) => `| ${i.start} | ${i.end} | ${i.kind} | ${humanSeconds(i.durationSeconds)} |`),
      '',
    );
  out.push(
    `Heartbeat ${r.settings.heartbeatSeconds}s, grace ${r.settings.graceSeconds}s, merge gap ${r.settings.mergeGapSeconds}s, ${r.files.read.length} file(s).`,
    '',
  );
  return out.join('\n');
}
