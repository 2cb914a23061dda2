import { readFileSync } from 'node:fs';
import { LineCounter, isMap, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { CriteriaError } from '../errors';
import { MODES } from '../ids';
import { DEFAULT_CRITERIA } from './defaults';
import { didYouMean } from './did-you-mean';
import { criteriaFileSchema, criteriaSchema, type Criteria, type CriteriaFile } from './schema';

const HINT = "See 'rustybt validate criteria' for every key and its default";

/**
 * Parses a user's criteria file (YAML) and merges it over `base` (the built-in defaults). Every
 * failure is a CriteriaError naming the file, the line and the key; nothing else is thrown.
 */
export function parseCriteria(text: string, source = 'criteria.yaml', base: Criteria = DEFAULT_CRITERIA): Criteria {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const first = doc.errors[0];
  if (first) {
    const line = lineCounter.linePos(first.pos[0]).line;
    const problem = first.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    throw new CriteriaError(`${source}:${line}: ${problem}. Fix the YAML syntax`);
  }
  if (doc.contents !== null && !isMap(doc.contents)) throw new CriteriaError(`${source}:1: expected a mapping of keys to values. ${HINT}`);
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 }) ?? {};
  } catch (err) {
    throw new CriteriaError(`${source}: ${(err as Error).message.split('\n')[0]}. Simplify the YAML (no alias bombs)`);
  }
  const parsed = criteriaFileSchema.safeParse(data);
  if (!parsed.success) throw new CriteriaError(describeFailure(parsed.error.issues[0]!, source, doc, lineCounter));
  return mergeCriteria(base, parsed.data, source);
}

/** Reads and parses a criteria file; an unreadable file is a CriteriaError too. */
export function readCriteriaFile(path: string, base: Criteria = DEFAULT_CRITERIA): Criteria {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const what = code === 'ENOENT' ? 'file not found' : `cannot read file (${code ?? 'error'})`;
    throw new CriteriaError(`${path}: ${what}. Check the --criteria path, or print a starting file with 'rustybt validate criteria'`);
  }
  return parseCriteria(text, path, base);
}

/** The user's keys over `base`: thresholds merge key by key, a mode's validator list replaces the base's. */
export function mergeCriteria(base: Criteria, file: CriteriaFile, source = 'criteria'): Criteria {
  const modes = structuredClone(base.modes);
  for (const mode of MODES) {
    const over = file.modes?.[mode];
    if (!over) continue;
    const target = modes[mode];
    if (over.validators) target.validators = [...over.validators];
    if (over.timeoutSeconds !== undefined) target.timeoutSeconds = over.timeoutSeconds;
    if (over.thresholds) target.thresholds = { ...target.thresholds, ...over.thresholds };
  }
  const merged = { version: base.version, thresholds: { ...base.thresholds, ...file.thresholds }, modes };
  const checked = criteriaSchema.safeParse(merged);
  if (!checked.success) {
    const issue = checked.error.issues[0]!;
    throw new CriteriaError(`${source}: ${issue.path.join('.')}: ${issue.message}. ${HINT}`);
  }
  return checked.data;
}

function describeFailure(issue: z.core.$ZodIssue, source: string, doc: Document, lc: LineCounter): string {
  const path = issue.path.map(String);
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0]!;
    const known = knownKeysAt(path);
    const guess = didYouMean(key, known);
    const where = [...path, key].join('.');
    const line = lineOf(doc, lc, [...path, key]);
    const suggestion = guess ? `did you mean '${guess}'? ` : '';
    return `${source}${line ? `:${line}` : ''}: ${where}: unknown key. ${suggestion}${HINT}`;
  }
  const line = lineOf(doc, lc, path);
  return `${source}${line ? `:${line}` : ''}: ${path.join('.') || '(top level)'}: ${issue.message}. ${HINT}`;
}

/** The keys the schema knows at a path of the file (for did-you-mean). */
function knownKeysAt(path: readonly string[]): string[] {
  const defaults = DEFAULT_CRITERIA as unknown as Record<string, unknown>;
  if (path.length === 0) return Object.keys(defaults);
  if (path[0] === 'thresholds' || (path[0] === 'modes' && path[2] === 'thresholds')) return Object.keys(DEFAULT_CRITERIA.thresholds);
  if (path[0] === 'modes' && path.length === 1) return Object.keys(DEFAULT_CRITERIA.modes);
  if (path[0] === 'modes' && path.length === 2) return Object.keys(DEFAULT_CRITERIA.modes.standard);
  return [];
}

function lineOf(doc: Document, lc: LineCounter, path: readonly string[]): number | undefined {
  for (let n = path.length; n > 0; n--) {
    const keys = path.slice(0, n).map((k) => (/^\d+$/.test(k) ? Number(k) : k));
    const parent = n === 1 ? doc.contents : doc.getIn(keys.slice(0, -1), true);
    if (isMap(parent)) {
      for (const item of parent.items) {
        const k = item.key as { value?: unknown; range?: [number, number, number] } | null;
        if (k && k.value === keys[n - 1] && k.range) return lc.linePos(k.range[0]).line;
      }
    }
    const node = doc.getIn(keys, true) as { range?: [number, number, number] } | undefined;
    if (node?.range) return lc.linePos(node.range[0]).line;
  }
  return undefined;
}
