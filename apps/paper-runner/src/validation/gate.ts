import { attestationMismatches, type ValidationResult } from '@rustybt/validate';
import type { LoadedRunnerConfig } from '../config/load-runner-config';
import { attestationFor, findLockfile } from './attest';
import { latestResultPath, readLatestResult } from './latest-result';

const FIELD: Record<string, string> = {
  strategySha256: 'the strategy file',
  configSha256: 'the config',
  lockfileSha256: 'package-lock.json',
  rustybtVersion: 'the rustybt version',
};

export interface GateInput {
  /** --require-validation. */
  flag: boolean;
  /** The configuration as validate reads it (no flag layer), for the config hash and validation.*. */
  loaded: LoadedRunnerConfig;
  strategyFile: string;
  version: string;
  now?: number;
}

/** Why a stored result does not let this start go ahead, or undefined when it does. */
export function gateRefusal(result: ValidationResult | undefined, input: GateInput, where: string): string | undefined {
  const maxAgeHours = input.loaded.config.validation?.maxAgeHours ?? 24;
  const again = `Run 'rustybt validate --strategy ${input.strategyFile}' (standard or thorough mode) and fix what it reports`;
  if (!result) return `no validation result in ${where}. ${again}`;
  if (result.verdict === 'not-ready') return `the last validation (${result.startedAt}) says not ready. ${again}`;
  if (result.mode === 'quick') return `the last validation (${result.startedAt}) ran in quick mode, which checks no risk limits or venue. ${again}`;
  const ageH = ((input.now ?? Date.now()) - Date.parse(result.startedAt)) / 3_600_000;
  if (ageH > maxAgeHours) return `the last validation is ${ageH.toFixed(1)} h old, older than validation.maxAgeHours (${maxAgeHours}). ${again}`;
  const current = attestationFor(input.strategyFile, input.loaded, findLockfile(), input.version);
  const differ = attestationMismatches(result.attestation, current);
  if (differ.length > 0) return `${differ.map((k) => FIELD[k] ?? k).join(', ')} changed since the last validation (${result.startedAt}). ${again}`;
  return undefined;
}

/** A start the go-live gate refused: a failed check (exit 1), said in one line. */
export class GateRefusedError extends Error {
  readonly exitCode = 1;
  constructor(message: string) {
    super(message);
    this.name = 'GateRefusedError';
  }
}

/**
 * The go-live gate of a real-money start (`rustybt live-trade`, the runner bin with --live): with
 * --require-validation or validation.required, refuses to start (exit 1) without a passing, recent
 * result whose attestation matches what is started.
 */
export function requireValidation(input: GateInput): string | undefined {
  if (!input.flag && input.loaded.config.validation?.required !== true) return undefined;
  const where = latestResultPath(input.loaded.layout);
  const refusal = gateRefusal(readLatestResult(input.loaded.layout), input, where);
  if (refusal) throw new GateRefusedError(`go-live gate: ${refusal}`);
  return `go-live gate: validation of ${where} passed and matches this start`;
}
