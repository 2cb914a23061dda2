/** Bad input to validation (a criteria file, a selection, a stored result): exit code 2 by the CLI convention. */
export class ValidateInputError extends Error {
  readonly exitCode = 2;
  constructor(message: string) {
    super(message);
    this.name = 'ValidateInputError';
  }
}

/** A criteria file that does not parse or validate; the message names the file and the key. */
export class CriteriaError extends ValidateInputError {
  constructor(message: string) {
    super(message);
    this.name = 'CriteriaError';
  }
}
