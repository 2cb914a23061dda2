import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { HomeLayout } from '@rustybt/ops';
import { writeFileAtomic } from '@rustybt/ops';
import { parseValidationResult, renderJson, type ValidationResult } from '@rustybt/validate';

/** Where `rustybt validate` keeps its last complete result for the go-live gate. */
export const latestResultPath = (layout: HomeLayout): string => join(layout.state, 'validation', 'latest.json');

/** Written whole, owner-only (folder 0700, file 0600), atomically. */
export function saveLatestResult(layout: HomeLayout, result: ValidationResult): string {
  const path = latestResultPath(layout);
  writeFileAtomic(path, renderJson(result), { mode: 0o600 });
  return path;
}

/** The stored result, checked against the contract; undefined when there is none. */
export function readLatestResult(layout: HomeLayout): ValidationResult | undefined {
  const path = latestResultPath(layout);
  if (!existsSync(path)) return undefined;
  return parseValidationResult(readFileSync(path, 'utf8'), path);
}
