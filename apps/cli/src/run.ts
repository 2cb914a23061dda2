import { type Command, CommanderError } from 'commander';
import { createProgram } from './program';
import { exitCodeOf, formatError } from './errors';
import { redactForStderr } from './stderr-redaction';

/** Runs the CLI on argv (process.argv form) and resolves to the exit code. */
export async function run(argv: string[], stderr: (line: string) => void = (l) => process.stderr.write(`${l}\n`)): Promise<number> {
  const program = createProgram();
  const debug = argv.includes('--debug');
  // Everything the CLI itself reports passes the redactor (a path or venue answer may quote a secret).
  const report = (line: string) => stderr(redactForStderr(line));
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version') return 0;
      // `rustybt` or `rustybt config` alone: commander printed the help to stderr; that is a usage error.
      if (err.code === 'commander.help') return err.exitCode === 0 ? 0 : 2;
      report(usageLine(err, program, argv));
      return 2;
    }
    report(formatError(err, debug));
    return exitCodeOf(err);
  }
}

/** One line: what was wrong, commander's did-you-mean as its own sentence, and the help that exists. */
export function usageLine(err: CommanderError, program: Command, argv: string[]): string {
  const [what, ...rest] = err.message.split('\n');
  const message = (what ?? '')
    .replace(/^error:\s*/i, '')
    .trim()
    .replace(/\.$/, '');
  const suggestion = /\(Did you mean (.+)\?\)/.exec(rest.join(' '))?.[1];
  const hint = ['rustybt', ...knownCommandPath(program, argv), '--help'].join(' ');
  const tip = suggestion ? ` Did you mean ${suggestion}?` : '';
  return `error: ${message}.${tip} Run '${hint}' for usage`;
}

/** The commands argv names that exist (`config show` of `config show --bad`; none for `keygn`). */
function knownCommandPath(program: Command, argv: string[]): string[] {
  const path: string[] = [];
  let cmd = program;
  for (const word of argv.slice(2).filter((a) => !a.startsWith('-'))) {
    const sub = cmd.commands.find((c) => c.name() === word || c.aliases().includes(word));
    if (!sub) break;
    path.push(sub.name());
    cmd = sub;
  }
  return path;
}
