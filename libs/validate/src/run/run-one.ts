import { isKnownCheckId, runCheckId } from '../check-ids';
import { makeCheck } from '../checks';
import type { Thresholds } from '../criteria/schema';
import type { Mode, ValidatorId } from '../ids';
import { checkSchema, type Check, type ValidatorResult } from '../result-schema';
import { statusOfChecks } from '../status';
import type { ProgressEvent, Validator } from '../validator';

export interface RunOneOptions {
  mode: Mode;
  thresholds: Thresholds;
  timeoutMs: number;
  /** The run's own signal (Ctrl-C): aborting it cancels this validator too. */
  signal?: AbortSignal;
  dependencies: ReadonlyMap<ValidatorId, ValidatorResult>;
  emit: (event: ProgressEvent) => void;
}

type Outcome = { kind: 'checks'; value: unknown } | { kind: 'threw'; error: unknown } | { kind: 'timeout' } | { kind: 'cancelled' };

/**
 * Runs one validator to a result that never throws: a throw, a timeout, a cancel or malformed
 * checks become FAILs of `<id>.run`. On timeout or cancel the validator's signal is aborted and the
 * run moves on without waiting for it to notice.
 */
export async function runOne(validator: Validator, options: RunOneOptions): Promise<ValidatorResult> {
  const started = performance.now();
  const controller = new AbortController();
  let finished = false;
  const outcome = await race(validator, options, controller, () => finished);
  finished = true;
  controller.abort();
  const checks = checksOf(validator.id, outcome, options.timeoutMs);
  return { id: validator.id, title: validator.title, status: statusOfChecks(checks), checks, durationMs: performance.now() - started };
}

function race(validator: Validator, options: RunOneOptions, controller: AbortController, isFinished: () => boolean): Promise<Outcome> {
  return new Promise<Outcome>((resolve) => {
    const finish = (o: Outcome) => {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onCancel);
      resolve(o);
    };
    const onCancel = () => finish({ kind: 'cancelled' });
    const timer = setTimeout(() => finish({ kind: 'timeout' }), options.timeoutMs);
    if (options.signal?.aborted) return onCancel();
    options.signal?.addEventListener('abort', onCancel, { once: true });
    const ctx = {
      mode: options.mode,
      thresholds: Object.freeze({ ...options.thresholds }),
      signal: controller.signal,
      dependencies: options.dependencies,
      progress: (message: string, fraction?: number) => {
        if (isFinished()) return;
        options.emit({ type: 'progress', id: validator.id, message, ...(fraction !== undefined ? { fraction } : {}) });
      },
    };
    // A synchronous throw inside run() is caught the same way as a rejection.
    Promise.resolve()
      .then(() => validator.run(ctx))
      .then(
        (value) => finish({ kind: 'checks', value }),
        (error: unknown) => finish({ kind: 'threw', error }),
      );
  });
}

function checksOf(id: ValidatorId, outcome: Outcome, timeoutMs: number): Check[] {
  const fail = (detail: string, remedy: string) => [makeCheck(runCheckId(id), 'FAIL', { detail, remedy })];
  switch (outcome.kind) {
    case 'timeout':
      return fail(
        `timed out after ${formatSeconds(timeoutMs)}`,
        `Find what ${id} waits on (run it alone with --only ${id}), or raise modes.<mode>.timeoutSeconds in the criteria file`,
      );
    case 'cancelled':
      return fail('cancelled before it finished', 'Run the validation again to the end');
    case 'threw':
      return fail(`threw: ${messageOf(outcome.error)}`, `Fix the cause and run again (--only ${id}); --debug shows more`);
    case 'checks':
      return validChecks(id, outcome.value);
  }
}

function validChecks(id: ValidatorId, value: unknown): Check[] {
  if (!Array.isArray(value))
    return [
      makeCheck(runCheckId(id), 'FAIL', {
        detail: 'returned something other than a list of checks',
        remedy: 'Fix the validator: run() must resolve to Check[]',
      }),
    ];
  if (value.length === 0)
    return [
      makeCheck(runCheckId(id), 'FAIL', { detail: 'returned no checks', remedy: 'Fix the validator: every run must report what it checked or why it skipped' }),
    ];
  const kept: Check[] = [];
  const problems: string[] = [];
  value.forEach((raw: unknown, i) => {
    const parsed = checkSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      problems.push(`check ${i}: ${issue.path.join('.') || '(check)'}: ${issue.message}`);
    } else if (!isKnownCheckId(parsed.data.id) || !parsed.data.id.startsWith(`${id}.`)) {
      problems.push(`check ${i}: id ${parsed.data.id} is not a known ${id} check`);
    } else kept.push(parsed.data);
  });
  if (problems.length > 0)
    kept.push(
      makeCheck(runCheckId(id), 'FAIL', {
        detail: `returned malformed checks: ${problems.join('; ')}`,
        remedy: 'Fix the validator: check ids come from KNOWN_CHECKS and checks follow the contract',
      }),
    );
  return kept;
}

function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message.split('\n')[0] || error.name;
  return String(error);
}

function formatSeconds(ms: number): string {
  return ms >= 1000 ? `${+(ms / 1000).toFixed(1)} s` : `${ms} ms`;
}
