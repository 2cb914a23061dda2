import type { Status } from '../ids';
import type { Check, ValidationResult } from '../result-schema';
import { exitCodeOf, summaryCounts, VERDICT_LABELS } from '../status';
import { countsText } from './conclusion';
import { terminalSafe as t } from './escape';
import { checkLabel, formatDuration, formatMeasure, formatThreshold } from './format';

export interface ConsoleOptions {
  /** ANSI colours (the CLI passes true on a TTY without NO_COLOR). */
  color?: boolean;
  /** Also list the checks that passed. */
  verbose?: boolean;
}

const COLORS: Record<Status, string> = { PASS: '32', WARN: '33', FAIL: '31', SKIP: '90' };

/** The terminal summary: a line per validator, the checks that need a look under it, the verdict. */
export function renderConsole(result: ValidationResult, options: ConsoleOptions = {}): string {
  const paint = (s: Status, text: string) => (options.color ? `\u001b[${COLORS[s]}m${text}\u001b[0m` : text);
  const idWidth = Math.max(...result.validators.map((v) => v.id.length), 8);
  const lines = [`Validation, ${result.mode} mode`];
  for (const v of result.validators) {
    const counts = summaryCounts({ validators: [v] }).checks;
    const notable = (['FAIL', 'WARN', 'SKIP'] as const).filter((s) => counts[s] > 0).map((s) => `${counts[s]} ${s}`);
    const checks = `${v.checks.length} check${v.checks.length === 1 ? '' : 's'}${notable.length > 0 ? ` (${notable.join(', ')})` : ''}`;
    lines.push(`  ${paint(v.status, v.status.padEnd(4))}  ${v.id.padEnd(idWidth)}  ${t(v.title)}: ${checks}, ${formatDuration(v.durationMs)}`);
    for (const c of v.checks) if (options.verbose || c.status !== 'PASS') lines.push(...checkLines(c, paint));
  }
  const counts = summaryCounts(result);
  lines.push(`Checks: ${countsText(counts.checks)}`);
  lines.push(`Verdict: ${VERDICT_LABELS[result.verdict]} (exit ${exitCodeOf(result.verdict)})`);
  return `${lines.join('\n')}\n`;
}

function checkLines(c: Check, paint: (s: Status, text: string) => string): string[] {
  const measured = c.value !== null || c.threshold !== null ? ` [${formatMeasure(c.value, c.unit)} vs ${formatThreshold(c)}]` : '';
  const lines = [`        ${paint(c.status, c.status.padEnd(4))} ${c.id}  ${t(checkLabel(c))}: ${t(c.detail)}${t(measured)}`];
  if (c.remedy) lines.push(`             -> ${t(c.remedy)}`);
  return lines;
}
