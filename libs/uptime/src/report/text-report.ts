import type { UptimeReport } from '../analyze/report-types';
import { humanSeconds, pct } from './figures';

/** The report for a terminal: verdict first, then the figures, then the incidents. */
export function textReport(r: UptimeReport): string {
  const s = r.seconds;
  const lines = [
    `uptime ${pct(r.uptimePct)} — SLO ${pct(r.slo.target)} ${r.slo.met ? 'MET' : 'MISSED'}`,
    `window     ${r.window.start} .. ${r.window.end} (${humanSeconds(s.window)})`,
    `observed   ${humanSeconds(s.observed)} (unknown ${humanSeconds(s.unknown)} before the first evidence)`,
    `down       ${humanSeconds(s.down)} unplanned, ${humanSeconds(s.planned)} planned${r.settings.excludePlanned ? ' (excluded)' : ''}, ${humanSeconds(s.degraded)} degraded (HALTED)`,
    `budget     ${humanSeconds(r.slo.budgetSeconds)}, left ${humanSeconds(r.slo.budgetLeftSeconds)}`,
    `burn rate  worst 1h ${burn(r.burnRate['1h'])}, 6h ${burn(r.burnRate['6h'])}, 1d ${burn(r.burnRate['1d'])}`,
    `restarts   ${r.restarts} after crashes; MTTR ${r.mttrSeconds === null ? 'n/a' : humanSeconds(r.mttrSeconds)}; MTBF ${r.mtbfSeconds === null ? 'n/a' : humanSeconds(r.mtbfSeconds)}`,
    `errors     ${r.errors.total} in ${r.operations} operations${r.errors.per1000Ops === null ? '' : ` (${r.errors.per1000Ops} per 1000)`}${
      Object.keys(r.errors.byType).length
        ? ': ' +
          Object.entries(r.errors.byType)
            .map(([k, v]) => `${k} ${v}`)
            .join(', ')
        : ''
    }`,
    `lines      ${r.lines.read} read, ${r.lines.malformed} malformed, ${r.files.read.length} file(s)`,
    `settings   heartbeat ${r.settings.heartbeatSeconds}s, grace ${r.settings.graceSeconds}s, merge gap ${r.settings.mergeGapSeconds}s`,
  ];
  if (r.clock.backwardSteps > 0)
    lines.push(`clock      stepped back ${r.clock.backwardSteps} time(s), largest ${humanSeconds(r.clock.largestStepSeconds)} (not counted as downtime)`);
  for (const e of r.files.errors) lines.push(`warning    ${e}`);
  if (r.files.skipped.length) lines.push(`skipped    ${r.files.skipped.join(', ')} (an uncompressed copy exists)`);
  lines.push('', r.incidents.length ? `incidents (${r.incidents.length}):` : 'incidents: none');
  for (const i of r.incidents) lines.push(`  ${i.start} .. ${i.end}  ${i.kind.padEnd(7)} ${humanSeconds(i.durationSeconds)}`);
  return `${lines.join('\n')}\n`;
}

function burn(b: { rate: number } | null): string {
  return b === null ? 'n/a' : `${b.rate}x`;
}
