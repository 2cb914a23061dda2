import type { Bar } from '@rustybt/engine';
import type { CheckResult } from '@rustybt/data-providers';

export interface TestDataReport {
  source: string;
  symbol: string;
  interval: string;
  start: string;
  end: string;
  calendar: string;
  bars: number;
  timings: { fetchMs: number; checkMs: number };
  notices: string[];
  sample: { first: Bar[]; last: Bar[] };
  pass: boolean;
  checks: CheckResult[];
}

const when = (t: number) => (Number.isFinite(t) ? new Date(t).toISOString().replace('T00:00:00.000Z', '').replace('.000Z', 'Z') : String(t));

function row(label: string, b: Bar): string {
  return `  ${label.padEnd(6)}${when(b.time).padEnd(22)} o=${b.open} h=${b.high} l=${b.low} c=${b.close} v=${b.volume}`;
}

/** The human report: what was fetched, a sample, then one PASS/FAIL line per check. */
export function renderTestData(r: TestDataReport): string {
  const lines = [
    `source    ${r.source}  ${r.symbol}  ${r.interval}  ${r.start} -> ${r.end}`,
    `fetched   ${r.bars} bar(s) in ${(r.timings.fetchMs / 1000).toFixed(2)} s; checks in ${(r.timings.checkMs / 1000).toFixed(2)} s; calendar ${r.calendar}`,
    ...r.notices.map((n) => `note      ${n}`),
  ];
  if (r.bars > 0) {
    lines.push('sample');
    for (const b of r.sample.first) lines.push(row('first', b));
    for (const b of r.sample.last) lines.push(row('last', b));
  }
  lines.push('checks');
  for (const c of r.checks) {
    lines.push(`  ${c.pass ? 'PASS' : 'FAIL'}  ${c.name.padEnd(12)}${String(c.count).padStart(7)}  ${c.description}${c.note ? ` (${c.note})` : ''}`);
    for (const o of c.first) lines.push(`        row ${o.index} ${when(o.time)}: ${o.detail}`);
    if (c.count > c.first.length) lines.push(`        ... ${c.count - c.first.length} more`);
  }
  const failed = r.checks.filter((c) => !c.pass).length;
  if (r.bars === 0) lines.push('result    FAIL: no bars in the range. Check --symbol, --start/--end and --interval');
  else lines.push(failed === 0 ? `result    PASS (${r.checks.length} checks)` : `result    FAIL (${failed} of ${r.checks.length} checks failed)`);
  return `${lines.join('\n')}\n`;
}
