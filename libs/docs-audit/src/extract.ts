/** A command line found in a markdown document. */
export interface Invocation {
  file: string;
  line: number;
  text: string;
  /** Words after the program name, shell-split; stops at a pipe, `&&`, `;`, a redirect or a comment. */
  args: string[];
}

const FENCE = /^\s*(```+|~~~+)\s*([\w-]*)/;
const SHELL_LANGS = new Set(['', 'sh', 'bash', 'shell', 'console', 'zsh', 'text']);
const INLINE_CODE = /`([^`\n]+)`/g;

/**
 * Every `rustybt ...` command line of a markdown text: in shell-like fenced blocks (a leading `$ `
 * or `npx ` is allowed) and in inline code spans. Prose mentions outside code are not commands.
 */
export function extractInvocations(file: string, markdown: string, program = 'rustybt'): Invocation[] {
  const found: Invocation[] = [];
  const lines = markdown.split(/\r?\n/);
  let fence: { marker: string; shell: boolean } | undefined;
  lines.forEach((raw, index) => {
    const line = index + 1;
    const fenceMatch = FENCE.exec(raw);
    if (fenceMatch) {
      if (!fence) {
        fence = { marker: fenceMatch[1]!, shell: SHELL_LANGS.has(fenceMatch[2]!.toLowerCase()) };
        return;
      }
      if (raw.trim().startsWith(fence.marker)) {
        fence = undefined;
        return;
      }
    }
    if (fence) {
      if (!fence.shell) return;
      const parsed = parseCommandLine(raw, program);
      if (parsed) found.push({ file, line, text: raw.trim(), args: parsed });
      return;
    }
    for (const m of raw.matchAll(INLINE_CODE)) {
      const parsed = parseCommandLine(m[1]!, program);
      if (parsed) found.push({ file, line, text: m[1]!.trim(), args: parsed });
    }
  });
  return found;
}

function parseCommandLine(text: string, program: string): string[] | undefined {
  const words = shellSplit(text.trim().replace(/^\$\s+/, ''));
  let i = 0;
  while (i < words.length && /^[A-Z_][A-Z0-9_]*=/.test(words[i]!)) i++; // leading VAR=value
  if (words[i] === 'npx') i++;
  if (words[i] !== program) return undefined;
  return words.slice(i + 1);
}

/** Splits like a POSIX shell for the parts docs use: quotes, and stops at control operators and comments. */
export function shellSplit(text: string): string[] {
  const words: string[] = [];
  let current = '';
  let inWord = false;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === quote) quote = undefined;
      else current += c;
      continue;
    }
    if (c === '"' || c === "'") {
      quote = c;
      inWord = true;
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
    const isOperator =
      rest.startsWith('&&') || rest.startsWith('||') || c === ';' || c === '>' || c === '<' || ((c === '|' || c === '#') && atWordStart);
    if (isOperator) break;
    current += c;
    inWord = true;
  }
  if (inWord) words.push(current);
  return words;
}
