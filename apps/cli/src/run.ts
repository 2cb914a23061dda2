import { CommanderError } from 'commander';
import { createProgram } from './program';
import { exitCodeOf, formatError } from './errors';

/** Runs the CLI on argv (process.argv form) and resolves to the exit code. */
export async function run(argv: string[], stderr: (line: string) => void = (l) => process.stderr.write(`${l}\n`)): Promise<number> {
  const program = createProgram();
  const debug = argv.includes('--debug');
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version') return 0;
      // `rustybt` or `rustybt config` alone: commander printed the help to stderr; that is a usage error.
      if (err.code === 'commander.help') return err.exitCode === 0 ? 0 : 2;
      stderr(usageLine(err, argv));
      return 2;
    }
    stderr(formatError(err, debug));
    return exitCodeOf(err);
  }
}

function usageLine(err: CommanderError, argv: string[]): string {
  const message = err.message.replace(/^error:\s*/i, '').replace(/\s*\n\s*/g, ' ').replace(/\.$/, '');
  const words = argv.slice(2).filter((a) => !a.startsWith('-'));
  const hint = words.length > 0 ? `rustybt ${words[0]} --help` : 'rustybt --help';
  return `error: ${message}. Run '${hint}' for usage`;
}
