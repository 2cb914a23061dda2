import { validationResultSchema, type ValidationResult } from '../result-schema';

/** The contract JSON (`--json`), checked against the schema so what is printed always parses back. */
export function renderJson(result: ValidationResult): string {
  return `${JSON.stringify(validationResultSchema.parse(result), null, 2)}\n`;
}
