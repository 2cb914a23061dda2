import { BenchInputError } from './errors';
import { readFileSync } from 'node:fs';
import { machineInfo } from './machine';
import { RESULT_FORMAT, resultFileSchema, type MachineInfo, type ResultFile, type SuiteResult } from './result-schema';

/** A result file that cannot be used: unreadable, not JSON, not our format, or not comparable. Exit code 2 (input error). */
export class ResultFileError extends BenchInputError {
  constructor(message: string) {
    super(message);
    this.name = 'ResultFileError';
  }
}

export function createResultFile(suites: SuiteResult[], options: { quick: boolean; machine?: MachineInfo; createdAt?: Date }): ResultFile {
  return {
    format: RESULT_FORMAT,
    createdAt: (options.createdAt ?? new Date()).toISOString(),
    machine: options.machine ?? machineInfo(),
    quick: options.quick,
    suites,
  };
}

export function serializeResultFile(file: ResultFile): string {
  return `${JSON.stringify(resultFileSchema.parse(file), null, 2)}\n`;
}

/** Parses and validates a result file's text; `source` names it in error messages. */
export function parseResultFile(text: string, source: string): ResultFile {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new ResultFileError(`${source} is not JSON (${(err as Error).message}). Pass a file written by 'rustybt benchmark --output'`);
  }
  const format = (data as { format?: unknown } | null)?.format;
  if (typeof data === 'object' && data !== null && format !== RESULT_FORMAT) {
    throw new ResultFileError(
      `${source} is not a benchmark result file (format ${JSON.stringify(format ?? null)}, expected "${RESULT_FORMAT}"). Pass a file written by 'rustybt benchmark --output'`,
    );
  }
  const parsed = resultFileSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.length > 0 ? issue.path.join('.') : '(top level)';
    throw new ResultFileError(`${source}: ${where}: ${issue.message}. Pass a file written by 'rustybt benchmark --output', or write it again`);
  }
  return parsed.data;
}

export function readResultFile(path: string): ResultFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new ResultFileError(`cannot read result file ${path} (${code ?? (err as Error).message}). Check the path`);
  }
  return parseResultFile(text, path);
}
