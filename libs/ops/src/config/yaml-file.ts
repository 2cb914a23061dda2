import { existsSync, readFileSync } from 'node:fs';
import { LineCounter, parseDocument, isMap } from 'yaml';
import type { z } from 'zod';
import { InputError } from '../errors';

export interface YamlFile {
  path: string;
  data: Record<string, unknown>;
  /** 1-based line of the value at `path` (or of the nearest enclosing node), if known. */
  lineOf(path: ReadonlyArray<PropertyKey>): number | undefined;
}

/** Reads a YAML mapping; a missing file is an empty mapping, a malformed one an InputError with its line. */
export function readYamlFile(path: string, required: boolean): YamlFile {
  if (!existsSync(path)) {
    if (required) throw new InputError(`${path}: file not found. Check the --config path`);
    return { path, data: {}, lineOf: () => undefined };
  }
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new InputError(`${path}: cannot read file (${(err as NodeJS.ErrnoException).code ?? 'error'}). Check its permissions`);
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const first = doc.errors[0];
  if (first) {
    const line = first.linePos?.[0]?.line ?? lineCounter.linePos(first.pos[0]).line;
    const problem = first.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    throw new InputError(`${path}:${line}: ${problem}. Fix the YAML syntax`);
  }
  if (doc.contents !== null && !isMap(doc.contents)) {
    throw new InputError(`${path}:1: expected a mapping of keys to values. See 'rustybt config schema'`);
  }
  const data = (doc.toJS() ?? {}) as Record<string, unknown>;
  return {
    path,
    data,
    lineOf(keyPath) {
      for (let n = keyPath.length; n > 0; n--) {
        const node = doc.getIn(keyPath.slice(0, n) as unknown[], true) as { range?: [number, number, number] } | undefined;
        if (node?.range) return lineCounter.linePos(node.range[0]).line;
        const pair = findKeyLine(doc, keyPath.slice(0, n), lineCounter);
        if (pair !== undefined) return pair;
      }
      return undefined;
    },
  };
}

function findKeyLine(doc: ReturnType<typeof parseDocument>, keyPath: ReadonlyArray<PropertyKey>, lc: LineCounter) {
  const parent = keyPath.length === 1 ? doc.contents : doc.getIn(keyPath.slice(0, -1) as unknown[], true);
  if (!isMap(parent)) return undefined;
  const key = keyPath[keyPath.length - 1];
  for (const item of parent.items) {
    const k = item.key as { value?: unknown; range?: [number, number, number] } | null;
    if (k && k.value === key && k.range) return lc.linePos(k.range[0]).line;
  }
  return undefined;
}

export function describeIssue(issue: z.core.$ZodIssue): string {
  const where = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  return `${where}${issue.message}`;
}
