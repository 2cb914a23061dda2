/** An error the CLI reports as one line and a chosen exit code (2 = usage/input, 1 = check failed). */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2 = 2,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** Exit code of any thrown value: errors of our libs carry `exitCode`; anything else is a failure (1). */
export function exitCodeOf(err: unknown): number {
  const code = (err as { exitCode?: unknown } | null)?.exitCode;
  return typeof code === 'number' && Number.isInteger(code) && code > 0 ? code : 1;
}

/** `error: <what happened>. <what to do>` on one line. */
export function formatError(err: unknown, debug: boolean): string {
  const raw = err instanceof Error ? err.message : String(err);
  let line = raw
    .replace(/\s*\n\s*/g, ' ')
    .trim()
    .replace(/^error:\s*/i, '');
  // With --debug on, the stack follows: telling the user to add --debug would send them in a circle.
  if (!debug && exitCodeOf(err) === 1 && !(err instanceof CliError) && !(err as { exitCode?: unknown })?.exitCode) {
    line = `${line.replace(/\.$/, '')}. Run again with --debug for details`;
  }
  const first = `error: ${line}`;
  return debug && err instanceof Error && err.stack ? `${first}\n${err.stack}` : first;
}
