/** One line of a markdown document with its 1-based line number. */
export interface SourceLine {
  line: number;
  text: string;
}

/** A fenced code block: its info-string language (lower case, '' when none) and body lines. */
export interface FencedBlock {
  lang: string;
  line: number;
  body: SourceLine[];
}

export interface MarkdownParts {
  fences: FencedBlock[];
  /** Lines outside any fence, where inline code spans live. */
  prose: SourceLine[];
}

const FENCE = /^\s*(```+|~~~+)\s*([\w-]*)/;

/** Splits markdown into fenced blocks and prose lines. An unclosed fence runs to the end. */
export function splitMarkdown(markdown: string): MarkdownParts {
  const parts: MarkdownParts = { fences: [], prose: [] };
  let open: (FencedBlock & { marker: string; indent: number }) | undefined;
  markdown.split(/\r?\n/).forEach((text, index) => {
    const line = index + 1;
    const fence = FENCE.exec(text);
    if (!open) {
      if (fence) open = { marker: fence[1]!, indent: text.indexOf(fence[1]!), lang: fence[2]!.toLowerCase(), line, body: [] };
      else parts.prose.push({ line, text });
      return;
    }
    if (fence && text.trim().startsWith(open.marker)) {
      parts.fences.push({ lang: open.lang, line: open.line, body: open.body });
      open = undefined;
      return;
    }
    // A fence indented in a list item: its body is indented alike (as CommonMark strips it).
    const indent = Math.min(open.indent, text.length - text.trimStart().length);
    open.body.push({ line, text: text.slice(indent) });
  });
  if (open) parts.fences.push({ lang: open.lang, line: open.line, body: open.body });
  return parts;
}

/** A line ending in an odd number of backslashes continues on the next line, as in a shell. */
export function continues(text: string): boolean {
  const trailing = /\\+$/.exec(text.trimEnd());
  return trailing !== null && trailing[0].length % 2 === 1;
}

/**
 * Joins shell line continuations starting at `lines[start]`: the command's text with each
 * `\`-newline replaced by a space, and the index after its last line. `prompt` strips a
 * continuation prompt (`> ` in a console transcript) from the following lines.
 */
export function joinContinuation(lines: readonly SourceLine[], start: number, prompt?: RegExp): { text: string; next: number } {
  let text = lines[start]!.text.trimEnd();
  let i = start + 1;
  while (continues(text) && i < lines.length) {
    const nextText = prompt ? lines[i]!.text.replace(prompt, '') : lines[i]!.text;
    text = `${text.slice(0, -1).trimEnd()} ${nextText.trim()}`.trimEnd();
    i++;
  }
  if (continues(text)) text = text.slice(0, -1).trimEnd(); // a dangling `\` on the last line
  return { text, next: i };
}
