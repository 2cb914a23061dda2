/**
 * A problem with what the user gave the engine (a strategy file, a parameter, a snapshot).
 * `exitCode` 2 lets the CLI report it as a usage/input error without knowing the engine's types.
 */
export class EngineInputError extends Error {
  readonly exitCode = 2;
  constructor(message: string) {
    super(message);
    this.name = 'EngineInputError';
  }
}

/**
 * The strategy's own code threw. The CLI reports it as an input error (exit 2): the fix is in the
 * user's file or its parameters.
 */
export class StrategyError extends Error {
  readonly exitCode = 2;
  constructor(
    readonly hook: string,
    readonly time: number | undefined,
    readonly original: unknown,
  ) {
    const what = original instanceof Error ? original.message : String(original);
    const when = time !== undefined && Number.isFinite(time) ? ` at ${new Date(time).toISOString()}` : '';
    super(`strategy ${hook} failed${when}: ${what.replace(/\s*\n\s*/g, ' ').replace(/\.$/, '')}. Fix the strategy or its --param values`);
    this.name = 'StrategyError';
  }
}

/** The journal hook threw: the run stops, and nothing unjournalled was acknowledged. */
export class JournalError extends Error {
  constructor(readonly original: unknown) {
    super(`journal failed: ${original instanceof Error ? original.message : String(original)}`);
    this.name = 'JournalError';
  }
}
