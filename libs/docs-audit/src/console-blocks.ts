import { joinContinuation, splitMarkdown, type SourceLine } from './markdown-fences';

/** One `$ ` command of a console transcript, with the output and exit code it documents. */
export interface ConsoleCommand {
  file: string;
  line: number;
  /** The command as the shell gets it, continuation lines joined. */
  command: string;
  /** Expected output lines as written (`...` and `[..]` are wildcards, see matchOutput). */
  expected: string[];
  expectedExitCode: number;
}

export interface ConsoleBlock {
  file: string;
  line: number;
  commands: ConsoleCommand[];
  /** What makes the block unrunnable as written: output before the first command, a bad `? ` line. */
  problems: { line: number; problem: string }[];
}

const PROMPT = /^\$ /;
const CONTINUATION_PROMPT = /^>\s?/;
const EXIT_LINE = /^\? +(\S+)\s*$/;

/**
 * The fenced ```console blocks of a markdown text. In a block, a line starting with `$ ` is a
 * command (continued over lines ending in `\`; a continuation line may start with the `> ` prompt);
 * the lines up to the next command are its expected output; when the last non-blank one is
 * `? <code>`, it is the expected exit code instead (default 0).
 */
export function extractConsoleBlocks(file: string, markdown: string): ConsoleBlock[] {
  return splitMarkdown(markdown)
    .fences.filter((f) => f.lang === 'console')
    .map((fence) => parseBlock(file, fence.line, fence.body));
}

function parseBlock(file: string, line: number, body: readonly SourceLine[]): ConsoleBlock {
  const block: ConsoleBlock = { file, line, commands: [], problems: [] };
  let i = 0;
  for (; i < body.length && !PROMPT.test(body[i]!.text); i++) {
    if (body[i]!.text.trim() !== '') block.problems.push({ line: body[i]!.line, problem: "output before the first '$ ' command" });
  }
  while (i < body.length) {
    const start = body[i]!;
    const joined = joinContinuation(body, i, CONTINUATION_PROMPT);
    let end = joined.next;
    while (end < body.length && !PROMPT.test(body[end]!.text)) end++;
    const output = body.slice(joined.next, end);
    while (output.length > 0 && output[output.length - 1]!.text.trim() === '') output.pop();
    block.commands.push({ file, line: start.line, command: joined.text.replace(PROMPT, ''), ...expectation(output, block) });
    i = end;
  }
  return block;
}

function expectation(output: SourceLine[], block: ConsoleBlock): { expected: string[]; expectedExitCode: number } {
  const last = output[output.length - 1];
  const exit = last ? EXIT_LINE.exec(last.text) : null;
  if (!last || !exit) return { expected: output.map((l) => l.text), expectedExitCode: 0 };
  const code = /^\d{1,3}$/.test(exit[1]!) ? Number(exit[1]) : NaN;
  if (!(code <= 255)) block.problems.push({ line: last.line, problem: `'${last.text.trim()}' is not an exit code: write '? <0-255>'` });
  return { expected: output.slice(0, -1).map((l) => l.text), expectedExitCode: code <= 255 ? code : 0 };
}
