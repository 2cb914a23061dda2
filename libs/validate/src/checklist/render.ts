import type { CheckId } from '../check-ids';
import type { Status } from '../ids';
import type { ValidationResult } from '../result-schema';
import { worstStatus } from '../status';
import { md } from '../render/markdown';
import { CHECKLIST, CHECKLIST_AREAS, type ChecklistItem } from './items';

export type ItemStatus = Status | 'NOT RUN' | 'MANUAL';

export interface FilledItem {
  item: ChecklistItem;
  status: ItemStatus;
  /** For a machine item that did not pass: what its checks found. */
  detail?: string;
}

/** Each item's status from a result: the worst of the checks with its id (over every subject). */
export function fillChecklist(result: ValidationResult, items: readonly ChecklistItem[] = CHECKLIST): FilledItem[] {
  const byId = new Map<string, { status: Status; detail: string }[]>();
  for (const v of result.validators) {
    for (const c of v.checks) byId.set(c.id, [...(byId.get(c.id) ?? []), { status: c.status, detail: c.subject ? `${c.subject}: ${c.detail}` : c.detail }]);
  }
  return items.map((item): FilledItem => {
    if (!item.check) return { item, status: 'MANUAL' };
    const found = byId.get(item.check);
    if (!found) return { item, status: 'NOT RUN' };
    const status = worstStatus(found.map((f) => f.status));
    if (status === 'PASS') return { item, status };
    return {
      item,
      status,
      detail: found
        .filter((f) => f.status === status)
        .map((f) => f.detail)
        .join('; '),
    };
  });
}

/**
 * The checklist as Markdown. Without a result it is docs/production-checklist.md; with one, the
 * same lines with each machine item's status (`rustybt validate --checklist`).
 */
export function renderChecklistMarkdown(result?: ValidationResult, items: readonly ChecklistItem[] = CHECKLIST): string {
  const filled = result ? fillChecklist(result, items) : items.map((item): FilledItem => ({ item, status: item.check ? 'NOT RUN' : 'MANUAL' }));
  const out = ['# Production checklist', '', ...intro(filled, result), ''];
  for (const area of CHECKLIST_AREAS) {
    const inArea = filled.filter((f) => f.item.area === area.id);
    if (inArea.length === 0) continue;
    out.push(`## ${area.title}`, '', ...inArea.map((f) => line(f, result !== undefined)), '');
  }
  return `${out.join('\n').trimEnd()}\n`;
}

function intro(filled: readonly FilledItem[], result: ValidationResult | undefined): string[] {
  const machine = filled.filter((f) => f.item.check).length;
  const lines = [
    `Every item a machine can check names the \`rustybt validate\` check that proves it (${machine} of ${filled.length} items);`,
    '`rustybt validate --checklist` prints this list with those items filled in from a run. The rest are',
    'for a person to tick. This file and that output come from one table in libs/validate, so they cannot drift.',
  ];
  if (!result) return lines;
  const counts = new Map<ItemStatus, number>();
  for (const f of filled) counts.set(f.status, (counts.get(f.status) ?? 0) + 1);
  const order: ItemStatus[] = ['PASS', 'WARN', 'FAIL', 'SKIP', 'NOT RUN', 'MANUAL'];
  return [...lines, '', `From the ${result.mode} run started ${result.startedAt}: ${order.map((s) => `${counts.get(s) ?? 0} ${s}`).join(', ')}.`];
}

function line(f: FilledItem, filled: boolean): string {
  const box = f.status === 'PASS' ? '[x]' : '[ ]';
  if (!f.item.check) return `- ${box} ${f.item.text}.${f.item.how ? ` Manual: ${f.item.how}.` : ' Manual.'}`;
  const proof = `Proven by \`${f.item.check satisfies CheckId}\``;
  if (!filled) return `- ${box} ${f.item.text}. ${proof}.`;
  const status = f.status === 'NOT RUN' ? 'not run' : f.status;
  return `- ${box} ${f.item.text}. ${proof}: ${status}${f.detail ? ` (${md(f.detail)})` : ''}.`;
}
