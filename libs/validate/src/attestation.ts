import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ValidateInputError } from './errors';
import { validationResultSchema, type Attestation, type ValidationResult } from './result-schema';

/** SHA-256 (lowercase hex) of a file's bytes; null when there is no such file. */
export function sha256OfFile(path: string | undefined | null): string | null {
  if (!path) return null;
  try {
    return createHash('sha256').update(readFileSync(path)).digest('hex');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new ValidateInputError(`${path}: cannot read file to hash it (${(err as NodeJS.ErrnoException).code ?? 'error'}). Check its permissions`);
  }
}

export interface AttestationInput {
  strategyPath?: string | null;
  configPath?: string | null;
  lockfilePath?: string | null;
  rustybtVersion: string;
}

export function attestationOf(input: AttestationInput): Attestation {
  return {
    strategySha256: sha256OfFile(input.strategyPath),
    configSha256: sha256OfFile(input.configPath),
    lockfileSha256: sha256OfFile(input.lockfilePath),
    rustybtVersion: input.rustybtVersion,
  };
}

/** The attestation fields that differ (the go-live gate refuses a result whose list is not empty). */
export function attestationMismatches(recorded: Attestation, current: Attestation): (keyof Attestation)[] {
  return (Object.keys(current) as (keyof Attestation)[]).filter((k) => recorded[k] !== current[k]);
}

/** A stored `--json` result (outside input): a ValidateInputError naming the key when it is not one. */
export function parseValidationResult(text: string, source = 'result.json'): ValidationResult {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new ValidateInputError(`${source}: not JSON. Write it with 'rustybt validate --json'`);
  }
  const parsed = validationResultSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ValidateInputError(`${source}: ${issue.path.join('.') || '(top level)'}: ${issue.message}. Write it with 'rustybt validate --json'`);
  }
  return parsed.data;
}
