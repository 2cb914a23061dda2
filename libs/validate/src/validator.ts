import type { Thresholds } from './criteria/schema';
import type { Mode, Status, ValidatorId } from './ids';
import type { Check, ValidatorResult } from './result-schema';

/** What a validator gets from the orchestrator. Its own inputs (paths, a session) it closes over. */
export interface ValidatorContext {
  readonly mode: Mode;
  /** The thresholds in force in this mode (the shared ones with the mode's overrides). */
  readonly thresholds: Readonly<Thresholds>;
  /** Aborted on timeout or cancel: stop work, close servers, kill children. */
  readonly signal: AbortSignal;
  /** A line for the progress display ("replaying 2,000 bars"); `fraction` in [0, 1] when known. */
  progress(message: string, fraction?: number): void;
  /** Results of the validators named in `dependsOn` that ran in this run (unselected ones are absent). */
  readonly dependencies: ReadonlyMap<ValidatorId, ValidatorResult>;
}

/**
 * One area of production readiness. `run` does the real thing and returns checks whose ids are in
 * KNOWN_CHECKS[id]; it may throw, which the orchestrator reports as a FAIL of `<id>.run`.
 */
export interface Validator {
  readonly id: ValidatorId;
  readonly title: string;
  /** The modes this validator can run in; the criteria file chooses which of them it does run in. */
  readonly modes: readonly Mode[];
  /** Validators that must finish first; a dependency that FAILed makes this one a SKIP. */
  readonly dependsOn?: readonly ValidatorId[];
  run(ctx: ValidatorContext): Promise<Check[]>;
}

/** Identity, for type inference at the definition site. */
export function defineValidator(validator: Validator): Validator {
  return validator;
}

export type ProgressEvent =
  | { type: 'planned'; validators: { id: ValidatorId; title: string }[] }
  | { type: 'started'; id: ValidatorId; title: string }
  | { type: 'progress'; id: ValidatorId; message: string; fraction?: number }
  | { type: 'finished'; id: ValidatorId; title: string; status: Status; durationMs: number };
