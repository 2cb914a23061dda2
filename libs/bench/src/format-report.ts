import type { AbReport } from './ab-gate';
import type { Comparison } from './compare';
import { formatBytes, formatDuration, formatPercent, formatRate, formatRatio, table } from './format-units';
import type { CaseResult, MachineInfo, ResultFile, RssGrowth, SuiteResult } from './result-schema';

function figure(c: CaseResult): string {
  if (c.kind === 'throughput') return formatRate(c.case.perSecond, c.unit);
  if (c.kind === 'latency') {
    const s = c.case.statsNs;
    return `p50 ${formatDuration(s.median)}  p95 ${formatDuration(s.p95)}  p99 ${formatDuration(s.p99)}  (min ${formatDuration(s.min)}, max ${formatDuration(s.max)}, ${formatRate(c.case.perSecond, c.unit)})`;
  }
  return `${formatRate(c.case.perSecond, c.unit)} (${formatDuration(c.case.statsNs.median)}/op)`;
}

function referenceText(c: CaseResult): string {
  if (!c.reference || c.ratio === undefined) return '';
  const ref = c.kind === 'throughput' ? formatRate(c.reference.perSecond, c.unit) : formatDuration(c.reference.statsNs.median);
  // ratio = case cost / reference cost; also said in words, since "0.12" alone reads either way.
  const words = c.ratio < 1 ? `${formatRatio(1 / c.ratio)} faster` : `${formatRatio(c.ratio)} slower`;
  return `ratio ${c.ratio.toFixed(2)} to ${c.reference.name} (${ref}): ${words}`;
}

/** e.g. `RSS growth +8.2% (129 MB -> 140 MB, first -> last 10% of 140 samples every 50 ms)` and the RSS by tenth of the run. */
function growthText(g: RssGrowth): string {
  const worst = g.iterations.find((i) => i.percent === g.percent) ?? g.iterations[0]!;
  const how = g.sampling === 'timer' ? `every ${g.everyMs ?? '?'} ms` : 'recorded by the run';
  const of = g.iterations.length > 1 ? `; worst of ${g.iterations.length} iterations` : '';
  const tenths = worst.tenthsBytes.map((b) => (b / 1024 ** 2).toFixed(0)).join(' ');
  return `RSS growth ${formatPercent(g.percent / 100)} (${formatBytes(worst.firstBytes)} -> ${formatBytes(worst.lastBytes)}, first -> last 10% of ${worst.samples} samples ${how}${of})\n    RSS by tenth of the run: ${tenths} MB`;
}

export function formatCase(c: CaseResult): string {
  const lines = [`  ${c.name}: ${figure(c)}`];
  const details = [
    `±${c.case.statsNs.rme.toFixed(1)}% (n=${c.case.statsNs.n})`,
    `peak RSS ${formatBytes(c.peakRssBytes)}${c.rssScope === 'child' ? ' (own process)' : c.rssScope === 'driven' ? ' (of the process it runs)' : ''}`,
  ];
  const ref = referenceText(c);
  if (ref) details.unshift(ref);
  lines.push(`    ${details.join('; ')}`);
  if (c.rssGrowth) lines.push(`    ${growthText(c.rssGrowth)}`);
  for (const g of c.goals) lines.push(`    goal ${g.goal}: ${g.met ? 'met' : 'NOT MET'}`);
  return lines.join('\n');
}

export function formatSuite(s: SuiteResult): string {
  return [`${s.name}`, ...s.cases.map(formatCase)].join('\n');
}

export function formatMachine(m: MachineInfo, quick: boolean): string {
  return `${m.cpuModel} x${m.cores}, Node ${m.nodeVersion}, commit ${m.commit?.slice(0, 12) ?? 'unknown'}${quick ? ', quick mode' : ''}`;
}

export function formatResultFile(file: ResultFile): string {
  return [formatMachine(file.machine, file.quick), ...file.suites.map(formatSuite)].join('\n\n');
}

export function formatComparison(c: Comparison): string {
  const rows = c.rows.map((r) => [`${r.suite}/${r.case}`, formatDuration(r.baseNs), formatDuration(r.headNs), formatPercent(r.ratio - 1), r.verdict]);
  const out = [table(['case', 'baseline median', 'current median', 'change', 'verdict'], rows)];
  for (const k of c.onlyInBaseline) out.push(`only in baseline: ${k}`);
  for (const k of c.onlyInCurrent) out.push(`only in current: ${k}`);
  for (const w of c.warnings) out.push(`warning: ${w}`);
  out.push(
    `threshold ±${(c.threshold * 100).toFixed(0)}%: ${c.regressions} regression(s). Single runs on a shared machine can differ by more than that on identical code; use the A/B gate (tools/ab-gate) to decide.`,
  );
  return out.join('\n');
}

export function formatAbReport(r: AbReport): string {
  const rows = r.cases.map((c) => [
    `${c.suite}/${c.case}`,
    formatRatio(c.estimate),
    `[${c.lower.toFixed(3)}, ${c.upper.toFixed(3)}]`,
    `±${(c.noise.ciHalfWidth * 100).toFixed(1)}%`,
    `${(c.noise.singleRunSpread * 100).toFixed(1)}%`,
    c.verdict,
  ]);
  const pct = (r.confidence * 100).toFixed(0);
  return [
    table(['case', 'head/base', `${pct}% CI`, 'CI noise', 'single-run spread', 'verdict'], rows),
    `${r.rounds} interleaved rounds, threshold ±${(r.threshold * 100).toFixed(0)}%, bootstrap seed ${r.seed}: ${r.verdict}`,
  ].join('\n');
}
