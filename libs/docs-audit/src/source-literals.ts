/**
 * The character that stands for "any text" in a message pattern: a template literal's `${...}` on
 * the source side, a `[..]` or placeholder on the docs side. NUL never occurs in either.
 */
export const WILDCARD = '\u0000';

const SIMPLE_ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', v: '\v', '0': '' }; // NUL is the wildcard

/** Characters after which a `/` starts a regular expression rather than a division. */
const REGEX_AFTER = new Set(['(', ',', '=', ':', '[', '!', '&', '|', '?', '{', '}', ';', '+', '-', '*', '%', '<', '>', '~', '^', '']);
const REGEX_AFTER_WORDS = /(?:^|[^\w$])(?:return|typeof|case|do|else|in|of|new|delete|void|throw|yield|await)$/;

/**
 * Every string and template literal of a JavaScript/TypeScript source text, escapes decoded, each
 * `${...}` of a template replaced by WILDCARD (the expressions' own literals are returned too).
 * A scanner, not a parser: it skips comments and regular expressions well enough for message text,
 * and never throws on any input.
 */
export function stringLiterals(source: string): string[] {
  const out: string[] = [];
  scanCode(source, 0, out, false);
  return out;
}

/** Scans code from `start`; inside a template expression it stops after the closing `}`. */
function scanCode(s: string, start: number, out: string[], inExpression: boolean): number {
  let depth = 0;
  let last = '';
  let i = start;
  while (i < s.length) {
    const c = s[i]!;
    if (c === '/' && s[i + 1] === '/') {
      i = lineEnd(s, i);
      continue;
    }
    if (c === '/' && s[i + 1] === '*') {
      const end = s.indexOf('*/', i + 2);
      i = end < 0 ? s.length : end + 2;
      continue;
    }
    if (c === "'" || c === '"') {
      const r = quoted(s, i, c);
      out.push(r.text);
      i = r.next;
      last = 'x';
      continue;
    }
    if (c === '`') {
      i = template(s, i, out);
      last = 'x';
      continue;
    }
    if (c === '/' && regexAllowed(s, i, last)) {
      i = skipRegex(s, i);
      last = 'x';
      continue;
    }
    if (c === '{') depth++;
    if (c === '}') {
      if (inExpression && depth === 0) return i + 1;
      depth--;
    }
    if (!/\s/.test(c)) last = c;
    i++;
  }
  return i;
}

function lineEnd(s: string, i: number): number {
  const end = s.indexOf('\n', i);
  return end < 0 ? s.length : end;
}

function regexAllowed(s: string, i: number, last: string): boolean {
  if (REGEX_AFTER.has(last)) return true;
  return /[\w$]/.test(last) && REGEX_AFTER_WORDS.test(s.slice(Math.max(0, i - 12), i).trimEnd());
}

function skipRegex(s: string, i: number): number {
  let inClass = false;
  for (let j = i + 1; j < s.length; j++) {
    const c = s[j]!;
    if (c === '\n') return j; // not a regex after all; the line ends it
    if (c === '\\') j++;
    else if (c === '[') inClass = true;
    else if (c === ']') inClass = false;
    else if (c === '/' && !inClass) return j + 1;
  }
  return s.length;
}

function quoted(s: string, i: number, quote: string): { text: string; next: number } {
  let text = '';
  for (let j = i + 1; j < s.length; j++) {
    const c = s[j]!;
    if (c === quote || c === '\n') return { text, next: j + 1 };
    if (c === '\\') {
      const e = escape(s, j);
      text += e.text;
      j = e.next - 1;
    } else text += c;
  }
  return { text, next: s.length };
}

function template(s: string, i: number, out: string[]): number {
  let text = '';
  let j = i + 1;
  while (j < s.length) {
    const c = s[j]!;
    if (c === '`') {
      out.push(text);
      return j + 1;
    }
    if (c === '\\') {
      const e = escape(s, j);
      text += e.text;
      j = e.next;
    } else if (c === '$' && s[j + 1] === '{') {
      text += WILDCARD;
      j = scanCode(s, j + 2, out, true);
    } else {
      text += c;
      j++;
    }
  }
  out.push(text);
  return s.length;
}

/** The escape at `s[i] === '\\'`: its text and the index after it. */
function escape(s: string, i: number): { text: string; next: number } {
  const c = s[i + 1];
  if (c === undefined) return { text: '', next: i + 1 };
  if (c === '\n') return { text: '', next: i + 2 }; // a line continuation
  if (c === 'u' && s[i + 2] === '{') {
    const end = s.indexOf('}', i + 3);
    const code = end < 0 ? NaN : parseInt(s.slice(i + 3, end), 16);
    return { text: codePoint(code), next: end < 0 ? s.length : end + 1 };
  }
  if (c === 'u' || c === 'x') {
    const len = c === 'u' ? 4 : 2;
    return { text: codePoint(parseInt(s.slice(i + 2, i + 2 + len), 16)), next: i + 2 + len };
  }
  return { text: SIMPLE_ESCAPES[c] ?? c, next: i + 2 };
}

function codePoint(code: number): string {
  return Number.isInteger(code) && code >= 0 && code <= 0x10ffff && code !== 0 ? String.fromCodePoint(code) : '';
}
