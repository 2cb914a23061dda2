import type { Check } from '../result-schema';

// Text forms shared by every renderer, so the console, Markdown and HTML say the same thing.

export function formatMeasure(value: Check['value'], unit?: string): string {
  if (value === null) return '—';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  const text = typeof value === 'number' ? formatNumber(value) : value;
  return unit ? `${text} ${unit}` : text;
}

export function formatNumber(n: number): string {
  if (Number.isInteger(n)) return n.toLocaleString('en-US');
  const abs = Math.abs(n);
  const digits = abs >= 100 ? 1 : abs >= 1 ? 2 : 4;
  return Number(n.toFixed(digits)).toLocaleString('en-US', { maximumFractionDigits: digits });
}

const COMPARATOR_TEXT: Record<NonNullable<Check['comparator']>, string> = { '<=': '≤', '>=': '≥', '<': '<', '>': '>', '==': '=' };

/** The threshold with its direction: "≤ 50 ms". */
export function formatThreshold(check: Pick<Check, 'threshold' | 'unit' | 'comparator'>): string {
  if (check.threshold === null) return '—';
  const measure = formatMeasure(check.threshold, check.unit);
  return check.comparator ? `${COMPARATOR_TEXT[check.comparator]} ${measure}` : measure;
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)} s`;
  const m = Math.floor(s / 60);
  return m < 60 ? `${m} min ${Math.round(s - m * 60)} s` : `${Math.floor(m / 60)} h ${m % 60} min`;
}

/** The check's label with its subject: "PRAGMA integrity_check is ok (sma-btc)". */
export function checkLabel(check: Pick<Check, 'title' | 'subject'>): string {
  return check.subject ? `${check.title} (${check.subject})` : check.title;
}
