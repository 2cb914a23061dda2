/**
 * An error in what the user gave us (a flag, a file, an environment variable).
 * `exitCode` 2 follows the CLI convention: usage or input error.
 */
export class InputError extends Error {
  readonly exitCode = 2;
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}
