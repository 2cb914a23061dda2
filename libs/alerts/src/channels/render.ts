import type { Alert } from '../alert';

const LIMIT = 3500;

/** `[CRITICAL] paper-1: broker disconnected`: the line a phone notification shows. */
export function alertHeadline(a: Alert): string {
  const where = a.session ? `${a.session}: ` : '';
  return `[${a.severity.toUpperCase()}] ${where}${a.summary}`.slice(0, 300);
}

function valueText(v: unknown): string {
  if (v === null || v === undefined) return String(v);
  if (typeof v === 'string') return v;
  return JSON.stringify(v);
}

/** The plain-text body every channel sends: headline, then the fields, then the details. */
export function alertText(a: Alert): string {
  const lines = [
    alertHeadline(a),
    '',
    `event: ${a.event}`,
    `severity: ${a.severity}`,
    `session: ${a.session}`,
    `at: ${new Date(a.at).toISOString()}`,
    `id: ${a.id}`,
    ...Object.entries(a.details).map(([k, v]) => `${k}: ${valueText(v)}`),
  ];
  const text = lines.join('\n');
  return text.length > LIMIT ? `${text.slice(0, LIMIT)}\n...(cut)` : text;
}
