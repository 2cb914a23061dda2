import type { Evidence } from '../evidence-schema';
import type { Status } from '../ids';
import type { Check, ValidationResult, ValidatorResult } from '../result-schema';
import { summaryCounts, VERDICT_LABELS } from '../status';
import { conclusionText, countsText } from './conclusion';
import { escapeHtml as e } from './escape';
import { REPORT_CSS } from './html-style';
import { checkLabel, formatDuration, formatMeasure, formatNumber, formatThreshold } from './format';
import { histogramSvg, timelineSvg } from './svg-charts';

export interface HtmlOptions {
  title?: string;
}

/** The report as one self-contained HTML file: inline CSS, inline SVG, no script, every string escaped. */
export function renderHtml(result: ValidationResult, options: HtmlOptions = {}): string {
  const title = options.title ?? 'RustyBT validation report';
  const body = [header(result, title), summary(result), ...result.validators.map(validatorSection), conclusion(result), attestation(result)];
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${e(`${title}: ${VERDICT_LABELS[result.verdict]}`)}</title>`,
    `<style>${REPORT_CSS}</style>`,
    '</head>',
    `<body><main>${body.join('\n')}</main></body>`,
    '</html>',
    '',
  ].join('\n');
}

function header(result: ValidationResult, title: string): string {
  return `<header><h1>${e(title)}</h1><div class="verdict verdict-${e(result.verdict)}">${e(VERDICT_LABELS[result.verdict])}</div><p class="meta">${e(`${result.mode} mode, started ${result.startedAt}, took ${formatDuration(result.durationMs)}`)}</p></header>`;
}

function summary(result: ValidationResult): string {
  const counts = summaryCounts(result);
  const rows = result.validators.map(
    (v) =>
      `<tr class="row-${v.status}"><td><a href="#v-${e(v.id)}">${e(v.title)}</a> <code>${e(v.id)}</code></td><td>${badge(v.status)}</td><td class="num">${v.checks.length}</td><td class="num">${e(formatDuration(v.durationMs))}</td></tr>`,
  );
  return [
    '<section id="summary"><h2>Executive summary</h2>',
    `<dl class="summary"><dt>Validators</dt><dd>${e(`${result.validators.length}: ${countsText(counts.validators)}`)}</dd><dt>Checks</dt><dd>${e(countsText(counts.checks))}</dd></dl>`,
    `<table><thead><tr><th>Validator</th><th>Status</th><th>Checks</th><th>Duration</th></tr></thead><tbody>${rows.join('')}</tbody></table>`,
    '</section>',
  ].join('\n');
}

function validatorSection(v: ValidatorResult): string {
  const rows = v.checks.map(checkRow).join('');
  const figures = v.checks.flatMap((c) => (c.evidence ?? []).map((ev) => evidenceHtml(ev, c))).join('\n');
  return [
    `<section class="validator" id="v-${e(v.id)}" data-validator="${e(v.id)}" data-status="${v.status}">`,
    `<h2>${e(v.title)} ${badge(v.status)}</h2>`,
    `<p class="meta"><code>${e(v.id)}</code> ${e(`${v.checks.length} checks in ${formatDuration(v.durationMs)}`)}</p>`,
    `<table class="checks"><thead><tr><th>Check</th><th>Status</th><th>Value</th><th>Threshold</th><th>Detail</th></tr></thead><tbody>${rows}</tbody></table>`,
    figures,
    '</section>',
  ].join('\n');
}

function checkRow(c: Check): string {
  const remedy = c.remedy ? `<div class="remedy">${e(c.remedy)}</div>` : '';
  return `<tr class="row-${c.status}" data-check="${e(c.id)}"><td>${e(checkLabel(c))}<br><code>${e(c.id)}</code></td><td>${badge(c.status)}</td><td class="num">${e(formatMeasure(c.value, c.unit))}</td><td class="num">${e(formatThreshold(c))}</td><td>${e(c.detail)}${remedy}</td></tr>`;
}

function evidenceHtml(ev: Evidence, c: Check): string {
  const caption = `${ev.name === 'incidents' ? 'Incidents' : ev.title}${c.subject ? ` (${c.subject})` : ''}`;
  const open = `<figure class="evidence evidence-${ev.kind}" data-evidence="${e(ev.name)}"><figcaption>${e(caption)}</figcaption>`;
  switch (ev.kind) {
    case 'histogram':
      return `${open}${histogramSvg(ev)}</figure>`;
    case 'timeline':
      return `${open}${timelineSvg(ev)}</figure>`;
    case 'table': {
      if (ev.rows.length === 0) return `${open}<p class="meta">None.</p></figure>`;
      const head = ev.columns.map((col) => `<th>${e(col)}</th>`).join('');
      const rows = ev.rows
        .map((r) => `<tr>${r.map((x) => (typeof x === 'number' ? `<td class="num">${e(formatNumber(x))}</td>` : `<td>${e(x ?? '—')}</td>`)).join('')}</tr>`)
        .join('');
      return `${open}<table><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table></figure>`;
    }
  }
}

function conclusion(result: ValidationResult): string {
  return `<section id="conclusion"><h2>Conclusion</h2><p><strong>${e(VERDICT_LABELS[result.verdict])}.</strong> ${e(conclusionText(result))}</p></section>`;
}

function attestation(result: ValidationResult): string {
  const a = result.attestation;
  const hash = (h: string | null) => (h ? `<code>${e(h)}</code>` : 'not part of this run');
  const row = (k: string, v: string) => `<tr><th>${e(k)}</th><td>${v}</td></tr>`;
  return `<section id="attestation"><h2>Attestation</h2><table><tbody>${row('Strategy SHA-256', hash(a.strategySha256))}${row('Config SHA-256', hash(a.configSha256))}${row('Lockfile SHA-256', hash(a.lockfileSha256))}${row('rustybt version', e(a.rustybtVersion))}</tbody></table></section>`;
}

function badge(status: Status): string {
  return `<span class="badge badge-${status}">${status}</span>`;
}
