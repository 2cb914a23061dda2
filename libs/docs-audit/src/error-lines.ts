import type { Finding } from './check';
import { splitMarkdown } from './markdown-fences';
import { WILDCARD } from './source-literals';

/** A line of a doc that quotes what the CLI prints on an error: `error: <what>. <what to do>`. */
export interface ErrorLine {
  file: string;
  line: number;
  /** The whole quoted line, `error: ` included. */
  text: string;
}

/** What the sources said about a set of quoted error lines. */
export interface ErrorLineReport {
  lines: number;
  findings: Finding[];
  /** Set when the lines could not be checked (no sources next to this CLI), with the reason. */
  skipped?: string;
}

const PREFIX = 'error: ';
const INLINE_CODE = /`([^`\n]+)`/g;
/**
 * Fewest characters of a quoted line that must be the code's own text. Below it a line such as
 * `error: [..]` would match anything; and at least half of what the doc shows must be the code's.
 */
export const MIN_FIXED = 10;

/**
 * Every quoted `error: ...` line of a markdown text: a line of any fenced block that starts with
 * `error: ` (a console transcript's expected output, a `text` block) and an inline code span that
 * does. Case matters: `Error:` and `npm error` are other programs' words.
 */
export function extractErrorLines(file: string, markdown: string): ErrorLine[] {
  const found: ErrorLine[] = [];
  const { fences, prose } = splitMarkdown(markdown);
  for (const fence of fences) {
    for (const { line, text } of fence.body) {
      const t = text.trim();
      if (t.startsWith(PREFIX)) found.push({ file, line, text: t });
    }
  }
  for (const { line, text } of prose) {
    for (const m of text.matchAll(INLINE_CODE)) {
      const t = m[1]!.trim();
      if (t.startsWith(PREFIX)) found.push({ file, line, text: t });
    }
  }
  return found.sort((a, b) => a.line - b.line);
}

/**
 * A quoted line as a pattern: the message after `error: `, with the parts a doc may leave open as
 * WILDCARD: `[..]` (the console-block wildcard), `...`, `<placeholder>` and a `'quoted value'`.
 */
export function docPattern(text: string): string {
  const message = text.startsWith(PREFIX) ? text.slice(PREFIX.length) : text;
  return collapse(
    message
      .replaceAll(WILDCARD, '')
      .replaceAll('[..]', WILDCARD)
      .replace(/\.\.\.|…/g, WILDCARD)
      .replace(/<[^<>\s][^<>]*>/g, WILDCARD)
      .replace(/(^|[^\w])'[^']*'(?!\w)/g, `$1${WILDCARD}`)
      .trimEnd(),
  );
}

/** A source literal as a message pattern: the printer's `error: ` prefix off, line breaks as the printer joins them. */
export function sourcePattern(literal: string): string {
  return collapse(literal.replace(/\s*\n\s*/g, ' ').replace(/^error: /, ''));
}

const collapse = (p: string) => p.replace(new RegExp(`${WILDCARD}+`, 'g'), WILDCARD);
const fixedLength = (p: string) => p.length - (p.split(WILDCARD).length - 1);

/**
 * The most characters of `doc` that can be the literal text of `src` in one string both patterns
 * match (WILDCARD on either side standing for any text, the other side's wildcards included), or -1
 * when no string matches both. Dynamic programming over (position in doc, position in src), one row
 * at a time, giving up as soon as a row is unreachable (most pairs differ in their first characters).
 */
export function overlapScore(doc: string | Uint16Array, src: string | Uint16Array): number {
  const a = typeof doc === 'string' ? codes(doc) : doc;
  const b = typeof src === 'string' ? codes(src) : src;
  const n = a.length;
  const m = b.length;
  if (rowA.length < m + 1) {
    rowA = new Int32Array(2 * (m + 1));
    rowB = new Int32Array(2 * (m + 1));
  }
  let row = rowA;
  let next = rowB;
  row.fill(-1, 0, m + 1);
  row[0] = 0;
  for (let i = 0; i <= n; i++) {
    next.fill(-1, 0, m + 1);
    let alive = false;
    const d = i < n ? a[i]! : -1;
    for (let j = 0; j <= m; j++) {
      const v = row[j]!;
      if (v < 0) continue;
      alive = true;
      const s = j < m ? b[j]! : -1;
      if (d === 0) {
        if (next[j]! < v) next[j] = v; // the doc's wildcard ends here
        if (s !== -1 && row[j + 1]! < v) row[j + 1] = v; // or takes src[j]
      }
      if (s === 0) {
        if (row[j + 1]! < v) row[j + 1] = v; // the source's wildcard ends here
        if (d !== -1 && next[j]! < v) next[j] = v; // or takes doc[i]
      }
      if (d > 0 && d === s && next[j + 1]! < v + 1) next[j + 1] = v + 1;
    }
    if (!alive) return -1;
    if (i === n) return row[m]!;
    const t = row;
    row = next;
    next = t;
  }
  return -1;
}

/** UTF-16 code units; WILDCARD is 0. */
function codes(p: string): Uint16Array {
  const out = new Uint16Array(p.length);
  for (let i = 0; i < p.length; i++) out[i] = p.charCodeAt(i);
  return out;
}

// Rows reused across calls: the index asks thousands of times per quoted line.
let rowA = new Int32Array(256);
let rowB = new Int32Array(256);

/** Characters by code (printable ASCII, the rest in one bucket): a cheap upper bound of overlapScore. */
function charCounts(p: string): Uint16Array {
  const counts = new Uint16Array(97);
  for (const c of p) {
    if (c === WILDCARD) continue;
    const code = c.charCodeAt(0);
    counts[code >= 32 && code < 128 ? code - 32 : 96]!++;
  }
  return counts;
}

function sharedChars(a: Uint16Array, b: Uint16Array): number {
  let n = 0;
  for (let k = 0; k < 97; k++) n += Math.min(a[k]!, b[k]!);
  return n;
}

/**
 * The best way `src` produces `doc` (as overlapScore), and the doc text each of src's wildcards
 * took: a message is often one literal whose `${...}` holes are filled by others
 * (`bad source '${spec}': ${why}. Use ${HELP}`), and those holes are explained the same way.
 */
export function align(doc: string, src: string): { score: number; holes: string[] } | undefined {
  const n = doc.length;
  const m = src.length;
  const w = m + 1;
  const score = new Int32Array((n + 1) * w).fill(-1);
  const from = new Uint8Array((n + 1) * w); // 1 diagonal (both literal), 2 from the left, 3 from above
  score[0] = 0;
  for (let i = 0; i <= n; i++) {
    for (let j = 0; j <= m; j++) {
      const k = i * w + j;
      if (i > 0 && j > 0 && doc[i - 1] !== WILDCARD && doc[i - 1] === src[j - 1] && score[k - w - 1]! >= 0 && score[k - w - 1]! + 1 > score[k]!) {
        score[k] = score[k - w - 1]! + 1;
        from[k] = 1;
      }
      if (j > 0 && (doc[i] === WILDCARD || src[j - 1] === WILDCARD) && score[k - 1]! > score[k]!) {
        score[k] = score[k - 1]!;
        from[k] = 2;
      }
      if (i > 0 && (src[j] === WILDCARD || doc[i - 1] === WILDCARD) && score[k - w]! > score[k]!) {
        score[k] = score[k - w]!;
        from[k] = 3;
      }
    }
  }
  if (score[n * w + m]! < 0) return undefined;
  const holes = new Map<number, string>();
  for (let i = n, j = m; i > 0 || j > 0; ) {
    const step = from[i * w + j];
    if (step === 1) {
      i--;
      j--;
    } else if (step === 2) j--;
    else {
      if (src[j] === WILDCARD) holes.set(j, doc[i - 1]! + (holes.get(j) ?? ''));
      i--;
    }
  }
  return { score: score[n * w + m]!, holes: [...holes.entries()].sort((a, b) => a[0] - b[0]).map(([, text]) => text) };
}

/** Levels of holes filled by other literals (a frame and its fillings; deeper nesting is rare in messages). */
const FILL_DEPTH = 1;
/** Candidates aligned in full per question (the rest are only scored). */
const CANDIDATES = 3;

/** The source literals as message patterns, ready to be asked about quoted lines. */
export class ErrorLineIndex {
  private readonly patterns: string[];
  private readonly counts: Uint16Array[];
  private readonly codes: Uint16Array[];
  private readonly memo = new Map<string, { literal: string; score: number } | undefined>();

  constructor(literals: Iterable<string>) {
    const unique = new Set<string>();
    for (const literal of literals) {
      const p = sourcePattern(literal);
      if (fixedLength(p) >= MIN_FIXED) unique.add(p);
    }
    this.patterns = [...unique];
    this.counts = this.patterns.map(charCounts);
    this.codes = this.patterns.map(codes);
  }

  get size(): number {
    return this.patterns.length;
  }

  /** The literal that best explains a quoted line, or a reason none does; undefined for the format itself (`error: <what>. <what to do>`). */
  explain(text: string): { literal: string; score: number } | { problem: string } | undefined {
    const doc = docPattern(text);
    const fixed = fixedLength(doc);
    if (!/\p{L}/u.test(doc.replaceAll(WILDCARD, ''))) return undefined;
    if (fixed < MIN_FIXED) return { problem: `quoted error line shows only ${fixed} characters of the message (at least ${MIN_FIXED} are needed to find it in the code); quote more of it` };
    const best = this.best(doc, MIN_FIXED, FILL_DEPTH);
    if (best && best.score >= Math.max(MIN_FIXED, Math.ceil(fixed / 2))) return best;
    return { problem: 'quoted error line is not printed by the code: no string or template literal of the sources matches it (copy the message from the code; [..], <placeholder> and quoted values stand for the variable parts)' };
  }

  /** The literal producing `doc` whose own text and its holes' fillings explain the most of it. */
  private best(doc: string, minScore: number, depth: number): { literal: string; score: number } | undefined {
    const key = `${depth}:${doc}`;
    if (this.memo.has(key)) return this.memo.get(key);
    const docCounts = charCounts(doc);
    const docCodes = codes(doc);
    const scored: { literal: string; score: number }[] = [];
    this.patterns.forEach((p, k) => {
      if (sharedChars(docCounts, this.counts[k]!) < minScore) return;
      const score = overlapScore(docCodes, this.codes[k]!);
      if (score >= minScore) scored.push({ literal: p, score });
    });
    scored.sort((a, b) => b.score - a.score);
    if (depth === 0) {
      this.memo.set(key, scored[0]);
      return scored[0];
    }
    let best: { literal: string; score: number } | undefined;
    for (const c of scored.slice(0, CANDIDATES)) {
      const a = align(doc, c.literal);
      if (!a) continue;
      let score = a.score;
      for (const hole of a.holes) score += fixedLength(hole) >= MIN_FIXED ? (this.best(hole, MIN_FIXED, depth - 1)?.score ?? 0) : 0;
      if (!best || score > best.score) best = { literal: c.literal, score };
    }
    this.memo.set(key, best);
    return best;
  }
}

/** Checks quoted error lines against the sources' literals: a finding for each the code cannot print. */
export function checkErrorLines(lines: readonly ErrorLine[], index: ErrorLineIndex): Finding[] {
  const findings: Finding[] = [];
  for (const l of lines) {
    const r = index.explain(l.text);
    if (r && 'problem' in r) findings.push({ file: l.file, line: l.line, text: l.text, problem: r.problem });
  }
  return findings;
}

/** The summary line of a quoted-error-lines check. */
export function formatErrorLineReport(report: ErrorLineReport, files: number): string {
  const lines = report.findings.map((f) => `${f.file}:${f.line}: ${f.problem}\n    ${f.text}`);
  if (report.skipped !== undefined) lines.push(`SKIP: ${report.lines} quoted error lines in ${files} files not checked: ${report.skipped}`);
  else lines.push(`${report.findings.length === 0 ? 'PASS' : 'FAIL'}: ${report.lines} quoted error lines in ${files} files, ${report.findings.length} not in the code`);
  return lines.join('\n');
}
