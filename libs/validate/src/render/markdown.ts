import type { Evidence } from '../evidence-schema';
import type { Check, ValidationResult, ValidatorResult } from '../result-schema';
import { summaryCounts, VERDICT_LABELS, type StatusCounts } from '../status';
import { conclusionText, countsText } from './conclusion';
import { checkLabel, formatDuration, formatMeasure, formatNumber, formatThreshold } from './format';

export interface ReportSection {
  heading: string;
  /** Markdown, inserted as is (the caller's own text: a docs-audit summary, notes). */
  body: string;
}

export interface MarkdownOptions {
  title?: string;
  /** Extra sections placed before the conclusion. */
  sections?: readonly ReportSection[];
}

/** The validation report: summary, a section per validator with its checks and evidence, conclusion, attestation. */
export function renderMarkdown(result: ValidationResult, options: MarkdownOptions = {}): string {
  const out: string[] = [`# ${md(options.title ?? 'RustyBT validation report')}`, ''];
  out.push(...executiveSummary(result), '');
  for (const v of result.validators) out.push(...validatorSection(v), '');
  for (const s of options.sections ?? []) out.push(`## ${md(s.heading)}`, '', s.body.trimEnd(), '');
  out.push('## Conclusion', '', `**${VERDICT_LABELS[result.verdict]}.** ${md(conclusionText(result))}`, '');
  out.push(...attestationSection(result));
  return `${out.join('\n').trimEnd()}\n`;
}

function executiveSummary(result: ValidationResult): string[] {
  const counts = summaryCounts(result);
  const lines = [
    '## Executive summary',
    '',
    `| Verdict | **${VERDICT_LABELS[result.verdict]}** |`,
    '|---|---|',
    `| Mode | ${result.mode} |`,
    `| Started | ${result.startedAt} |`,
    `| Duration | ${formatDuration(result.durationMs)} |`,
    `| Validators | ${result.validators.length}: ${countsText(counts.validators)} |`,
    `| Checks | ${sum(counts.checks)}: ${countsText(counts.checks)} |`,
    '',
    '| Validator | Status | Checks | Duration |',
    '|---|---|---|---|',
    ...result.validators.map((v) => `| ${md(v.title)} (\`${v.id}\`) | ${v.status} | ${v.checks.length} | ${formatDuration(v.durationMs)} |`),
  ];
  const attention = result.validators.flatMap((v) => v.checks.filter((c) => c.status === 'FAIL' || c.status === 'WARN'));
  if (attention.length > 0) {
    lines.push('', '**Needs attention:**', '');
    for (const c of attention) lines.push(`- ${c.status} \`${c.id}\` ${md(checkLabel(c))}: ${md(c.detail)}${c.remedy ? ` — ${md(c.remedy)}` : ''}`);
  }
  return lines;
}

function validatorSection(v: ValidatorResult): string[] {
  const lines = [`## ${md(v.title)} (\`${v.id}\`): ${v.status}`, '', `${v.checks.length} checks in ${formatDuration(v.durationMs)}.`, ''];
  lines.push('| Check | Status | Value | Threshold | Detail |', '|---|---|---|---|---|');
  for (const c of v.checks) {
    lines.push(
      `| \`${c.id}\` ${cell(checkLabel(c))} | ${c.status} | ${cell(formatMeasure(c.value, c.unit))} | ${cell(formatThreshold(c))} | ${cell(c.detail)} |`,
    );
  }
  const remedies = v.checks.filter((c) => c.remedy);
  if (remedies.length > 0) {
    lines.push('', 'Remedies:', '');
    for (const c of remedies) lines.push(`- \`${c.id}\`${c.subject ? ` (${md(c.subject)})` : ''}: ${md(c.remedy!)}`);
  }
  for (const c of v.checks) for (const e of c.evidence ?? []) lines.push('', ...evidenceMarkdown(e, c));
  return lines;
}

function evidenceMarkdown(e: Evidence, c: Check): string[] {
  const heading = `### ${md(e.name === 'incidents' ? 'Incidents' : e.title)}${c.subject ? ` (${md(c.subject)})` : ''}`;
  switch (e.kind) {
    case 'table':
      if (e.rows.length === 0) return [heading, '', `None (${md(e.title.toLowerCase())}: no rows).`];
      return [
        heading,
        '',
        table(
          e.columns,
          e.rows.map((r) => r.map((x) => (typeof x === 'number' ? formatNumber(x) : (x ?? '—')))),
        ),
      ];
    case 'histogram':
      return [
        heading,
        '',
        table(
          [`From (${e.unit})`, `To (${e.unit})`, 'Count'],
          e.buckets.map((b) => [formatNumber(b.from), formatNumber(b.to), formatNumber(b.count)]),
        ),
        ...(e.markers.length > 0 ? ['', e.markers.map((m) => `${md(m.label)}: ${formatNumber(m.value)} ${md(e.unit)}`).join('; ') + '.'] : []),
      ];
    case 'timeline':
      return [
        heading,
        '',
        `From ${e.start} to ${e.end}.`,
        '',
        table(
          ['From', 'To', 'State', 'Note'],
          e.segments.map((s) => [s.from, s.to, s.state, s.label ?? '']),
        ),
      ];
  }
}

function attestationSection(result: ValidationResult): string[] {
  const a = result.attestation;
  const hash = (h: string | null) => (h ? `\`${h}\`` : 'not part of this run');
  return [
    '## Attestation',
    '',
    '| | |',
    '|---|---|',
    `| Strategy SHA-256 | ${hash(a.strategySha256)} |`,
    `| Config SHA-256 | ${hash(a.configSha256)} |`,
    `| Lockfile SHA-256 | ${hash(a.lockfileSha256)} |`,
    `| rustybt version | ${md(a.rustybtVersion)} |`,
  ];
}

function table(columns: readonly string[], rows: readonly (readonly string[])[]): string {
  return [`| ${columns.map(cell).join(' | ')} |`, `|${columns.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`)].join('\n');
}

const MD_ENTITIES: Record<string, string> = { '<': '&lt;', '>': '&gt;', '&': '&amp;' };

/** Text a reader sees as text: no HTML, no emphasis or links from a detail that happens to hold them. */
export function md(text: string): string {
  return text.replace(/[\\`*_[\]<>|&]/g, (ch) => MD_ENTITIES[ch] ?? `\\${ch}`).replace(/\r?\n/g, ' ');
}

function cell(text: string): string {
  return md(text);
}

function sum(counts: StatusCounts): number {
  return counts.PASS + counts.WARN + counts.FAIL + counts.SKIP;
}
