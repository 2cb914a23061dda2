import { runCheckId } from '../check-ids';
import { makeCheck } from '../checks';
import { DEFAULT_CRITERIA } from '../criteria/defaults';
import { thresholdsFor, type Criteria } from '../criteria/schema';
import { ValidateInputError } from '../errors';
import type { Mode, ValidatorId } from '../ids';
import type { Attestation, ValidationResult, ValidatorResult } from '../result-schema';
import { verdictOf } from '../status';
import type { ProgressEvent, Validator } from '../validator';
import { runOne } from './run-one';
import { selectValidators, type Planned } from './select';

export interface RunValidationOptions {
  validators: readonly Validator[];
  mode: Mode;
  attestation: Attestation;
  criteria?: Criteria;
  only?: readonly string[];
  skip?: readonly string[];
  /** Validators running at once (default 2: the machine has 2 cores). */
  concurrency?: number;
  /** Per-validator timeout; default the mode's `timeoutSeconds` from the criteria. */
  timeoutMs?: number;
  /** Abort (Ctrl-C) to stop: what has not finished is a FAIL, so a cancelled run is never ready. */
  signal?: AbortSignal;
  onEvent?: (event: ProgressEvent) => void;
  /** The wall clock for `startedAt` (tests pin it). */
  now?: () => Date;
}

/**
 * Runs the selected validators and returns the contract result. Independent validators run
 * concurrently up to `concurrency`; one waits for its `dependsOn`. Never throws for a validator's
 * failure; throws ValidateInputError for bad selection input.
 */
export async function runValidation(options: RunValidationOptions): Promise<ValidationResult> {
  const criteria = options.criteria ?? DEFAULT_CRITERIA;
  const concurrency = options.concurrency ?? 2;
  if (!Number.isInteger(concurrency) || concurrency < 1)
    throw new ValidateInputError(`concurrency must be a whole number >= 1, got ${concurrency}. Pass a positive count`);
  const startedAt = (options.now ?? (() => new Date()))();
  const t0 = performance.now();
  const planned = selectValidators({ validators: options.validators, criteria, mode: options.mode, only: options.only, skip: options.skip });
  const emit = safeEmitter(options.onEvent);
  emit({ type: 'planned', validators: planned.map((p) => ({ id: p.id, title: p.title })) });
  const results = await schedule(planned, concurrency, (p, done) => runPlanned(p, done, options, criteria, emit));
  const validators = planned.map((p) => results.get(p.id)!);
  return {
    verdict: verdictOf(validators),
    mode: options.mode,
    startedAt: startedAt.toISOString(),
    durationMs: performance.now() - t0,
    attestation: options.attestation,
    validators,
  };
}

type RunPlanned = (p: Planned, done: ReadonlyMap<ValidatorId, ValidatorResult>) => Promise<ValidatorResult>;

/** Starts each planned validator once its selected dependencies are done, at most `limit` at a time. */
function schedule(planned: readonly Planned[], limit: number, run: RunPlanned): Promise<Map<ValidatorId, ValidatorResult>> {
  const selected = new Set(planned.map((p) => p.id));
  const done = new Map<ValidatorId, ValidatorResult>();
  const pending = [...planned];
  let running = 0;
  return new Promise((resolve) => {
    const pump = () => {
      if (pending.length === 0 && running === 0) return resolve(done);
      for (let i = 0; i < pending.length && running < limit;) {
        const p = pending[i]!;
        const deps = (p.validator?.dependsOn ?? []).filter((d) => selected.has(d));
        if (!deps.every((d) => done.has(d))) {
          i++;
          continue;
        }
        pending.splice(i, 1);
        running++;
        void run(p, done).then((result) => {
          done.set(p.id, result);
          running--;
          pump();
        });
      }
    };
    pump();
  });
}

async function runPlanned(
  p: Planned,
  done: ReadonlyMap<ValidatorId, ValidatorResult>,
  options: RunValidationOptions,
  criteria: Criteria,
  emit: (e: ProgressEvent) => void,
): Promise<ValidatorResult> {
  emit({ type: 'started', id: p.id, title: p.title });
  const result = await resultOf(p, done, options, criteria, emit);
  emit({ type: 'finished', id: p.id, title: p.title, status: result.status, durationMs: result.durationMs });
  return result;
}

function resultOf(
  p: Planned,
  done: ReadonlyMap<ValidatorId, ValidatorResult>,
  options: RunValidationOptions,
  criteria: Criteria,
  emit: (e: ProgressEvent) => void,
): Promise<ValidatorResult> {
  const skipped = (detail: string, remedy: string | null): ValidatorResult => ({
    id: p.id,
    title: p.title,
    status: 'SKIP',
    checks: [makeCheck(runCheckId(p.id), 'SKIP', { detail, remedy })],
    durationMs: 0,
  });
  if (!p.validator)
    return Promise.resolve(skipped(`no ${p.id} validator is available in this build`, `Upgrade rustybt, or leave ${p.id} out with --skip ${p.id}`));
  const deps = p.validator.dependsOn ?? [];
  const failed = deps.filter((d) => done.get(d)?.status === 'FAIL');
  if (failed.length > 0) return Promise.resolve(skipped(`needs ${failed.join(', ')}, which failed`, `Fix ${failed.join(', ')} first`));
  const dependencies = new Map(deps.filter((d) => done.has(d)).map((d) => [d, done.get(d)!]));
  const timeoutMs = options.timeoutMs ?? criteria.modes[options.mode].timeoutSeconds * 1000;
  return runOne(p.validator, { mode: options.mode, thresholds: thresholdsFor(criteria, options.mode), timeoutMs, signal: options.signal, dependencies, emit });
}

/** A progress display that throws must not stop the run (or leave it hanging). */
function safeEmitter(onEvent: ((event: ProgressEvent) => void) | undefined): (event: ProgressEvent) => void {
  return (event) => {
    try {
      onEvent?.(event);
    } catch {
      // The display is cosmetic; the result still carries everything.
    }
  };
}
