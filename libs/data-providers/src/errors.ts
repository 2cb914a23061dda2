/**
 * Errors of this library carry the CLI exit code they mean, so every caller (the CLI, the paper
 * runner) reports them the same way: 2 = what the user gave us is wrong, 1 = the source failed.
 */
export class DataInputError extends Error {
  readonly exitCode = 2;
  constructor(message: string) {
    super(message);
    this.name = 'DataInputError';
  }
}

/** A file that is not readable as bars: names the file and the 1-based line. */
export class CsvFormatError extends DataInputError {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly reason: string,
  ) {
    super(`${file}:${line}: ${reason}. Fix or remove that row, or see docs/data.md for the accepted CSV layouts`);
    this.name = 'CsvFormatError';
  }
}

/** The source could not be reached or refused to answer (network, rate limit, server error). */
export class SourceUnavailableError extends Error {
  readonly exitCode = 1;
  constructor(
    readonly source: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'SourceUnavailableError';
  }
}
