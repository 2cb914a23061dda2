/** Bad input to the harness (a file, a count, a pairing of results): exit code 2 by the CLI convention. */
export class BenchInputError extends Error {
  readonly exitCode = 2;
  constructor(message: string) {
    super(message);
    this.name = 'BenchInputError';
  }
}
