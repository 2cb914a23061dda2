import type { TimelineSpan, UptimeAnalysis } from '../analyze/report-types';
import type { LabelName } from '../analyze/segments';
import { humanSeconds, pct } from './figures';
import { DAY_MS as DAY } from '@rustybt/core';

const COLORS: Record<LabelName, string> = { up: '#2e9d57', degraded: '#e0b323', planned: '#4d7ee8', down: '#d64545', open: '#8b1e1e', unknown: '#b8b8b8' };
const WIDTH = 960;
const ROW = 18;
/** Room for the row labels (dates) left of the timeline, and for the time axis above it. */
const LABEL = 92;
const AXIS = 16;

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * A self-contained page (inline CSS and SVG, no scripts, no network): the figures, a timeline with
 * a time axis (one row per UTC day, or one row for a window shorter than a day), and the incident table.
 */
export function htmlReport({ report: r, timeline }: UptimeAnalysis): string {
  const start = Date.parse(r.window.start);
  const end = Date.parse(r.window.end);
  const rows = timelineRows(start, end);
  const scale = (WIDTH - LABEL) / rows[0]!.span;
  const svg: string[] = axis(rows[0]!, scale, rows.length);
  rows.forEach((row, d) => {
    const y = AXIS + d * ROW;
    svg.push(`<text x="0" y="${y + 13}">${new Date(row.from).toISOString().slice(0, 10)}</text>`);
    // The part of the row inside the analysed window, so "no data" and "outside the window" differ.
    const a = Math.max(start, row.from);
    const b = Math.min(end, row.from + row.span);
    if (b > a)
      svg.push(
        `<rect class="window" x="${(LABEL + (a - row.from) * scale).toFixed(2)}" y="${y + 2}" width="${((b - a) * scale).toFixed(2)}" height="${ROW - 4}"/>`,
      );
    for (const s of timeline) svg.push(...bar(s, row.from, row.from + row.span, y, scale));
  });
  const height = AXIS + rows.length * ROW;
  const legend = (Object.keys(COLORS) as LabelName[]).map((k) => `<span><i style="background:${COLORS[k]}"></i>${k}</span>`).join('');
  const incidentRows = r.incidents
    .map((i) => `<tr class="${i.kind}"><td>${esc(i.start)}</td><td>${esc(i.end)}</td><td>${i.kind}</td><td>${esc(humanSeconds(i.durationSeconds))}</td></tr>`)
    .join('');
  const s = r.seconds;
  const facts: [string, string][] = [
    ['Uptime', pct(r.uptimePct)],
    ['SLO', `${pct(r.slo.target)} ${r.slo.met ? 'met' : 'missed'}`],
    ['Budget left', `${humanSeconds(r.slo.budgetLeftSeconds)} of ${humanSeconds(r.slo.budgetSeconds)}`],
    ['Down', humanSeconds(s.down)],
    ['Planned', humanSeconds(s.planned)],
    ['Degraded', humanSeconds(s.degraded)],
    ['Unknown', humanSeconds(s.unknown)],
    ['Restarts', String(r.restarts)],
    ['MTTR', r.mttrSeconds === null ? 'n/a' : humanSeconds(r.mttrSeconds)],
    ['MTBF', r.mtbfSeconds === null ? 'n/a' : humanSeconds(r.mtbfSeconds)],
    ['Errors / 1000 ops', r.errors.per1000Ops === null ? 'n/a' : String(r.errors.per1000Ops)],
    ['Malformed lines', `${r.lines.malformed} of ${r.lines.read}`],
  ];
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Uptime ${esc(r.window.start)} .. ${esc(r.window.end)}</title>
<style>
body{font:14px system-ui,sans-serif;margin:24px;color:#222}
h1{font-size:20px}.verdict{font-weight:600;color:${r.slo.met ? '#2e9d57' : '#d64545'}}
dl{display:grid;grid-template-columns:repeat(4,auto 1fr);gap:4px 12px}dt{color:#666}dd{margin:0}
svg text{font:11px monospace;fill:#444}svg .tick{fill:#888}svg line{stroke:#ddd}svg .window{fill:#f1f1f1}.legend span{margin-right:14px}.legend i{display:inline-block;width:12px;height:12px;margin-right:4px;vertical-align:middle}
table{border-collapse:collapse;margin-top:12px}td,th{border:1px solid #ddd;padding:3px 8px;text-align:left}
tr.crash td:nth-child(3){color:#d64545}tr.open td:nth-child(3){color:#8b1e1e;font-weight:600}tr.planned td:nth-child(3){color:#4d7ee8}
</style></head><body>
<h1>Uptime ${esc(r.window.start)} .. ${esc(r.window.end)}</h1>
<p class="verdict">${pct(r.uptimePct)} — SLO ${pct(r.slo.target)} ${r.slo.met ? 'met' : 'missed'}</p>
<dl>${facts.map(([k, v]) => `<dt>${k}</dt><dd>${esc(v)}</dd>`).join('')}</dl>
<h2>Timeline (UTC, ${rows.length === 1 && rows[0]!.span < DAY ? 'the whole window' : 'one row per day'})</h2>
<p class="legend">${legend}</p>
<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-label="uptime timeline">
${svg.join('\n')}
</svg>
<h2>Incidents (${r.incidents.length})</h2>
${r.incidents.length ? `<table><thead><tr><th>start</th><th>end</th><th>kind</th><th>duration</th></tr></thead><tbody>${incidentRows}</tbody></table>` : '<p>None.</p>'}
<p>Heartbeat ${r.settings.heartbeatSeconds}s, grace ${r.settings.graceSeconds}s, merge gap ${r.settings.mergeGapSeconds}s; ${r.lines.read} lines from ${r.files.read.length} file(s).</p>
</body></html>
`;
}

/** The part of a span inside one day's row; outages get at least one pixel so a 3-second crash stays visible. */
function bar(s: TimelineSpan, from: number, to: number, y: number, scale: number): string[] {
  const a = Math.max(s.start, from);
  const b = Math.min(s.end, to);
  if (b <= a) return [];
  const minWidth = s.label === 'up' ? 0 : 1;
  const w = Math.max((b - a) * scale, minWidth);
  const title = `${s.label} ${new Date(a).toISOString()} .. ${new Date(b).toISOString()}`;
  return [
    `<rect x="${(LABEL + (a - from) * scale).toFixed(2)}" y="${y + 2}" width="${w.toFixed(2)}" height="${ROW - 4}" fill="${COLORS[s.label]}"><title>${title}</title></rect>`,
  ];
}

interface Row {
  from: number;
  span: number;
}

/**
 * One row per UTC day, so a month reads at a glance; a window shorter than a day is one row of its
 * own length instead, or a session of minutes would be a hairline in an empty day.
 */
function timelineRows(start: number, end: number): Row[] {
  if (end - start < DAY) return [{ from: start, span: Math.max(end - start, 1000) }];
  const firstDay = Math.floor(start / DAY) * DAY;
  const days = Math.max(1, Math.ceil((end - firstDay) / DAY));
  return Array.from({ length: days }, (_, d) => ({ from: firstDay + d * DAY, span: DAY }));
}

/** Time labels and grid lines: every 6 hours across a day, or five marks across a shorter window. */
function axis(row: Row, scale: number, rows: number): string[] {
  const marks = row.span === DAY ? [0, 6, 12, 18, 24].map((h) => h * 3_600_000) : [0, 1, 2, 3, 4].map((k) => (row.span * k) / 4);
  const label = (t: number) =>
    row.span === DAY ? `${String(t / 3_600_000).padStart(2, '0')}:00` : new Date(row.from + t).toISOString().slice(11, row.span < 300_000 ? 19 : 16);
  return marks.map((t, k) => {
    const x = LABEL + t * scale;
    const anchor = k === 0 ? 'start' : k === marks.length - 1 ? 'end' : 'middle';
    return `<line x1="${x.toFixed(2)}" y1="${AXIS - 3}" x2="${x.toFixed(2)}" y2="${AXIS + rows * ROW}"/><text class="tick" x="${x.toFixed(2)}" y="11" text-anchor="${anchor}">${label(t)}</text>`;
  });
}
