import { didYouMean } from '../criteria/did-you-mean';
import type { Criteria } from '../criteria/schema';
import { ValidateInputError } from '../errors';
import { VALIDATOR_IDS, VALIDATOR_TITLES, isValidatorId, type Mode, type ValidatorId } from '../ids';
import type { Validator } from '../validator';

export interface Planned {
  id: ValidatorId;
  title: string;
  /** Absent when no validator with this id is registered yet: reported as a SKIP. */
  validator?: Validator;
}

export interface SelectOptions {
  validators: readonly Validator[];
  criteria: Criteria;
  mode: Mode;
  /** Run just these (among the validators that can run in the mode), whatever the criteria list. */
  only?: readonly string[];
  skip?: readonly string[];
}

/** The validators a run will execute, in contract order. Bad `--only`/`--skip` ids are input errors. */
export function selectValidators(options: SelectOptions): Planned[] {
  const { mode, criteria } = options;
  const registered = registry(options.validators);
  const only = checkIds(options.only ?? [], '--only');
  const skip = new Set(checkIds(options.skip ?? [], '--skip'));
  for (const id of only) {
    const v = registered.get(id);
    if (v && !v.modes.includes(mode))
      throw new ValidateInputError(`--only ${id}: ${id} does not run in ${mode} mode (it runs in ${v.modes.join(', ')}). Choose --mode ${v.modes[0]}`);
  }
  const wanted = new Set<ValidatorId>(only.length > 0 ? only : criteria.modes[mode].validators);
  if (only.length === 0) {
    for (const id of wanted) {
      const v = registered.get(id);
      if (v && !v.modes.includes(mode)) {
        throw new ValidateInputError(
          `criteria modes.${mode}.validators: ${id} does not run in ${mode} mode (it runs in ${v.modes.join(', ')}). Remove it from the list`,
        );
      }
    }
  }
  const planned = VALIDATOR_IDS.filter((id) => wanted.has(id) && !skip.has(id)).map((id): Planned => {
    const validator = registered.get(id);
    return validator ? { id, title: validator.title, validator } : { id, title: VALIDATOR_TITLES[id] };
  });
  if (planned.length === 0) throw new ValidateInputError(`no validator left to run in ${mode} mode after --skip. Skip fewer validators`);
  assertNoCycle(planned);
  return planned;
}

function registry(validators: readonly Validator[]): Map<ValidatorId, Validator> {
  const map = new Map<ValidatorId, Validator>();
  for (const v of validators) {
    // Two validators with one id is a wiring bug in the caller, not user input.
    if (map.has(v.id)) throw new Error(`two validators are registered with id ${v.id}`);
    map.set(v.id, v);
  }
  return map;
}

function checkIds(ids: readonly string[], flag: string): ValidatorId[] {
  for (const id of ids) {
    if (isValidatorId(id)) continue;
    const guess = didYouMean(id, VALIDATOR_IDS);
    throw new ValidateInputError(`${flag} ${id}: unknown validator${guess ? ` (did you mean ${guess}?)` : ''}. Choose from ${VALIDATOR_IDS.join(', ')}`);
  }
  return [...new Set(ids as ValidatorId[])];
}

function assertNoCycle(planned: readonly Planned[]): void {
  const deps = new Map(planned.map((p) => [p.id, p.validator?.dependsOn ?? []]));
  const state = new Map<ValidatorId, 'visiting' | 'done'>();
  const visit = (id: ValidatorId, path: ValidatorId[]): void => {
    if (state.get(id) === 'done') return;
    if (state.get(id) === 'visiting') throw new Error(`validator dependency cycle: ${[...path, id].join(' -> ')}`);
    state.set(id, 'visiting');
    for (const d of deps.get(id) ?? []) if (deps.has(d)) visit(d, [...path, id]);
    state.set(id, 'done');
  };
  for (const p of planned) visit(p.id, []);
}
