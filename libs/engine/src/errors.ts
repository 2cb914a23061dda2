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
