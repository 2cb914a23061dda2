import { checkTitle, type CheckId } from './check-ids';
import type { Evidence } from './evidence-schema';
import type { Status } from './ids';
import type { Check, Comparator } from './result-schema';

// Small builders so a validator states what it measured and the builder fills the contract shape.

export interface CheckFields {
  title?: string;
  value?: Check['value'];
  threshold?: Check['threshold'];
  detail: string;
  /** Kept for WARN, FAIL and SKIP; a PASS needs no remedy. */
  remedy?: string | null;
  subject?: string;
  unit?: string;
  comparator?: Comparator;
  evidence?: Evidence[];
}

export function makeCheck(id: CheckId, status: Status, fields: CheckFields): Check {
  const check: Check = {
    id,
    title: fields.title ?? checkTitle(id),
    status,
    value: fields.value ?? null,
    threshold: fields.threshold ?? null,
    detail: fields.detail,
    remedy: status === 'PASS' ? null : (fields.remedy ?? null),
  };
  if (fields.subject !== undefined) check.subject = fields.subject;
  if (fields.unit !== undefined) check.unit = fields.unit;
  if (fields.comparator !== undefined) check.comparator = fields.comparator;
  if (fields.evidence !== undefined && fields.evidence.length > 0) check.evidence = fields.evidence;
  return check;
}

/** A check that could not be made, with the reason (a missing session, an unreachable registry). */
export function skipCheck(id: CheckId, reason: string, fields: Omit<CheckFields, 'detail'> = {}): Check {
  return makeCheck(id, 'SKIP', { ...fields, detail: reason });
}

export function meets(value: number, comparator: Comparator, threshold: number): boolean {
  switch (comparator) {
    case '<=':
      return value <= threshold;
    case '>=':
      return value >= threshold;
    case '<':
      return value < threshold;
    case '>':
      return value > threshold;
    case '==':
      return value === threshold;
  }
}

export interface MeasuredFields extends Omit<CheckFields, 'value' | 'threshold' | 'comparator'> {
  value: number;
  threshold: number;
  comparator: Comparator;
  /** Status when the threshold is missed: FAIL unless the check is advisory. */
  missed?: 'FAIL' | 'WARN';
}

/** A numeric check whose status follows from the value against the threshold. */
export function measuredCheck(id: CheckId, fields: MeasuredFields): Check {
  const { missed = 'FAIL', ...rest } = fields;
  const status: Status = meets(fields.value, fields.comparator, fields.threshold) ? 'PASS' : missed;
  return makeCheck(id, status, rest);
}
