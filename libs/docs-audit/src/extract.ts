import { joinContinuation, splitMarkdown, type SourceLine } from './markdown-fences';

/** A command line found in a markdown document. */
export interface Invocation {
  file: string;
  /** The line the command starts on (a command continued with `\` spans the lines after it). */
  line: number;
  text: string;
  /** Words after the program name, shell-split; stops at a pipe, `&&`, `;`, a redirect or a comment. */
  args: string[];
}

const SHELL_LANGS = new Set(['', 'sh', 'bash', 'shell', 'console', 'zsh', 'text']);
const INLINE_CODE = /`([^`\n]+)`/g;
/** In a console transcript only prompt lines are commands; the rest is output. */
const PROMPT = /^\s*\$\s+/;
const CONTINUATION_PROMPT = /^\s*>\s?/;

/**
 * Every command line of a markdown text that runs one of `programs` (each a word or a prefix of
 * words such as `python -m rustybt`): in shell-like fenced blocks (a leading `$ ` or `npx ` is
 * allowed; lines continued with `\` are one command) and in inline code spans. Prose mentions
 * outside code are not commands.
 */
export function extractInvocations(file: string, markdown: string, programs: string | readonly string[] = 'rustybt'): Invocation[] {
  const prefixes = (typeof programs === 'string' ? [programs] : programs).map((p) => shellSplit(p)).filter((p) => p.length > 0);
  const found: Invocation[] = [];
  const { fences, prose } = splitMarkdown(markdown);
  const add = (line: number, text: string) => {
    const args = parseCommandLine(text, prefixes);
    if (args) found.push({ file, line, text: text.trim(), args });
  };
  for (const fence of fences) {
    if (!SHELL_LANGS.has(fence.lang)) continue;
    forEachCommand(fence.body, fence.lang === 'console', add);
  }
  for (const { line, text } of prose) for (const m of text.matchAll(INLINE_CODE)) add(line, m[1]!);
  return found.sort((a, b) => a.line - b.line);
}

function forEachCommand(body: readonly SourceLine[], console: boolean, add: (line: number, text: string) => void) {
  for (let i = 0; i < body.length;) {
    const { line, text } = body[i]!;
    if (console && !PROMPT.test(text)) {
      i++;
      continue;
    }
    const joined = joinContinuation(body, i, console ? CONTINUATION_PROMPT : undefined);
    add(line, joined.text);
    i = joined.next;
  }
}

function parseCommandLine(text: string, prefixes: readonly string[][]): string[] | undefined {
  const words = shellSplit(text.trim().replace(/^\$\s+/, ''));
  let i = 0;
  while (i < words.length && /^[A-Z_][A-Z0-9_]*=/.test(words[i]!)) i++; // leading VAR=value
  if (words[i] === 'npx') i++;
  const prefix = prefixes.find((p) => p.every((word, k) => words[i + k] === word));
  return prefix ? words.slice(i + prefix.length) : undefined;
}

/**
 * Splits like a POSIX shell for the parts docs use: quotes, backslash escapes, and stops at
 * control operators and comments.
 */
export function shellSplit(text: string): string[] {
  const words: string[] = [];
  let current = '';
  let inWord = false;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === quote) quote = undefined;
      else if (quote === '"' && c === '\\' && /["\\$`]/.test(text[i + 1] ?? '')) current += text[++i];
      else current += c;
      continue;
    }
    if (c === '"' || c === "'") {
      quote = c;
      inWord = true;
      continue;
    }
    if (c === '\\') {
      // `\x` is a literal x; a lone backslash at the end (a continuation) is nothing.
      if (i + 1 < text.length) {
        current += text[++i];
        inWord = true;
      }
      continue;
    }
    if (c === ' ' || c === '\t') {
      if (inWord) words.push(current);
      current = '';
      inWord = false;
      continue;
    }
    const rest = text.slice(i);
    const placeholder = /^<[^<>\s]+>/.exec(rest);
    if (placeholder) {
      current += placeholder[0];
      inWord = true;
      i += placeholder[0].length - 1;
      continue;
    }
    const atWordStart = !inWord;
    const isOperator = rest.startsWith('&&') || rest.startsWith('||') || c === ';' || c === '>' || c === '<' || ((c === '|' || c === '#') && atWordStart);
    if (isOperator) break;
    current += c;
    inWord = true;
  }
  if (inWord) words.push(current);
  return words;
}
