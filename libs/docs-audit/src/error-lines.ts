import type { Finding } from './check';
import { splitMarkdown } from './markdown-fences';
import { codesOf, fixedLength, fixedRuns, localMatch, mayOccur } from './message-match';
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

/** Runs of wildcards as one (a literal regex of NUL would trip no-control-regex). */
function collapse(p: string): string {
  let out = p;
  while (out.includes(WILDCARD + WILDCARD)) out = out.replaceAll(WILDCARD + WILDCARD, WILDCARD);
  return out;
}

/** How much of a quoted line the code's literals account for. */
export interface Explanation {
  /** Fixed (non-placeholder) characters of the line. */
  fixed: number;
  /** Of those, how many are characters of some literal occurring whole in the line. */
  covered: number;
  /** The literal covering the most, and how much. */
  best?: { literal: string; covered: number };
}

/** Most literal characters one doc placeholder may stand for (a value, a path, a list of choices). */
const SWALLOW_PER_PLACEHOLDER = 100;

/** The source literals as message patterns, ready to be asked about quoted lines. */
export class ErrorLineIndex {
  private readonly patterns: { text: string; codes: Uint16Array; fixed: number; runs: string[] }[] = [];

  constructor(literals: Iterable<string>) {
    const seen = new Set<string>();
    for (const literal of literals) {
      const text = sourcePattern(literal);
      const fixed = fixedLength(text);
      if (fixed < MIN_FIXED || seen.has(text)) continue;
      seen.add(text);
      this.patterns.push({ text, codes: codesOf(text), fixed, runs: fixedRuns(text) });
    }
  }

  get size(): number {
    return this.patterns.length;
  }

  /**
   * The literals that occur whole in a quoted line, and the characters they cover together: a
   * message is a frame whose `${...}` holes other literals fill (`${file}:${line}: ${what}. See
   * ...`, `what` being `unknown key ${key}${hint}`), or several literals in a row.
   */
  coverage(text: string): Explanation {
    const doc = docPattern(text);
    const fixed = fixedLength(doc);
    const placeholders = doc.length - fixed;
    const docCodes = codesOf(doc);
    const covered = new Set<number>();
    let best: Explanation['best'];
    for (const p of this.patterns) {
      // A placeholder stands for a value or a short list, not for a page of the literal.
      if (p.fixed > fixed + SWALLOW_PER_PLACEHOLDER * placeholders) continue;
      if (!mayOccur(doc, p.runs)) continue;
      const positions = localMatch(docCodes, p.codes);
      if (!positions || positions.length === 0) continue;
      for (const i of positions) covered.add(i);
      if (!best || positions.length > best.covered) best = { literal: p.text, covered: positions.length };
    }
    return { fixed, covered: covered.size, ...(best ? { best } : {}) };
  }

  /** Whether the code prints a quoted line: a problem when it does not; undefined for the format itself (`error: <what>. <what to do>`). */
  problem(text: string): string | undefined {
    const doc = docPattern(text);
    if (!/\p{L}/u.test(doc.replaceAll(WILDCARD, ''))) return undefined;
    const fixed = fixedLength(doc);
    if (fixed < MIN_FIXED)
      return `quoted error line shows only ${fixed} characters of the message (at least ${MIN_FIXED} are needed to find it in the code); quote more of it`;
    const c = this.coverage(text);
    if (c.best && c.best.covered >= MIN_FIXED && c.covered * 2 >= fixed) return undefined;
    return `quoted error line is not printed by the code: the sources' literals account for ${c.covered} of its ${fixed} characters, at least half are needed (copy the message from the code; [..], <placeholder> and quoted values stand for the variable parts)`;
  }
}

/** Checks quoted error lines against the sources' literals: a finding for each the code cannot print. */
export function checkErrorLines(lines: readonly ErrorLine[], index: ErrorLineIndex): Finding[] {
  const findings: Finding[] = [];
  for (const l of lines) {
    const problem = index.problem(l.text);
    if (problem) findings.push({ file: l.file, line: l.line, text: l.text, problem });
  }
  return findings;
}

/** The summary line of a quoted-error-lines check. */
export function formatErrorLineReport(report: ErrorLineReport, files: number): string {
  const lines = report.findings.map((f) => `${f.file}:${f.line}: ${f.problem}\n    ${f.text}`);
  if (report.skipped !== undefined) lines.push(`SKIP: ${report.lines} quoted error lines in ${files} files not checked: ${report.skipped}`);
  else
    lines.push(
      `${report.findings.length === 0 ? 'PASS' : 'FAIL'}: ${report.lines} quoted error lines in ${files} files, ${report.findings.length} not in the code`,
    );
  return lines.join('\n');
}
