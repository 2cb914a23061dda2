import { describe, expect, it } from 'vitest';
import { makeCheck } from '../checks';
import { parseCriteria } from '../criteria/load';
import { ValidateInputError } from '../errors';
import { VALIDATOR_IDS, type Mode, type ValidatorId } from '../ids';
import { validationResultSchema, type Check } from '../result-schema';
import type { ProgressEvent, Validator, ValidatorContext } from '../validator';
import { runValidation, type RunValidationOptions } from './orchestrator';

const attestation = { strategySha256: null, configSha256: null, lockfileSha256: null, rustybtVersion: '0.0.0-test' };
const ALL_MODES: Mode[] = ['quick', 'standard', 'thorough'];
const passing = (id: ValidatorId): Check[] => [makeCheck(`${id}.run` as never, 'PASS', { detail: 'ran' })];
const ticks = async (n: number) => {
  for (let i = 0; i < n; i++) await new Promise((r) => setImmediate(r));
};

function validator(id: ValidatorId, run: (ctx: ValidatorContext) => Promise<Check[]> = async () => passing(id), extra: Partial<Validator> = {}): Validator {
  return { id, title: `T ${id}`, modes: ALL_MODES, run, ...extra };
}

/** Runs the given validators; unless a test is about selection, exactly those (--only their ids). */
function run(validators: Validator[], options: Partial<RunValidationOptions> & { byMode?: boolean } = {}) {
  const { byMode = false, ...rest } = options;
  const only = byMode || rest.only || validators.length === 0 ? rest.only : [...new Set(validators.map((v) => v.id))];
  return runValidation({ validators, mode: 'thorough', attestation, now: () => new Date('2025-01-02T03:04:05.000Z'), ...rest, only });
}

describe('runValidation', () => {
  it('runs every validator of the mode and produces the contract result, in contract order', async () => {
    // Later ids finish first: the output order must not follow finishing order.
    const vs = [...VALIDATOR_IDS].map((id, i) => validator(id, async () => (await ticks(VALIDATOR_IDS.length - i), passing(id))));
    const result = await run(vs.reverse(), { concurrency: 4 });
    expect(validationResultSchema.parse(result)).toEqual(result);
    expect(result.validators.map((v) => v.id)).toEqual([...VALIDATOR_IDS]);
    expect(result).toMatchObject({ verdict: 'ready', mode: 'thorough', startedAt: '2025-01-02T03:04:05.000Z', attestation });
  });

  it('runs at most `concurrency` validators at once (default 2)', async () => {
    for (const [concurrency, expected] of [
      [undefined, 2],
      [1, 1],
      [3, 3],
    ] as const) {
      let active = 0;
      let most = 0;
      const vs = VALIDATOR_IDS.map((id) =>
        validator(id, async () => {
          active++;
          most = Math.max(most, active);
          await ticks(3);
          active--;
          return passing(id);
        }),
      );
      await run(vs, concurrency === undefined ? {} : { concurrency });
      expect(most).toBe(expected);
    }
    await expect(run([], { concurrency: 0 })).rejects.toThrow(ValidateInputError);
  });

  it('a validator that throws (async, sync or a non-Error) is a FAIL of <id>.run; the others still run', async () => {
    const result = await run([
      validator('strategy', async () => {
        throw new Error('strategy file not found: x.ts\n    at stack');
      }),
      validator('risk', (() => {
        throw new TypeError('boom');
      }) as never),
      validator('security', () => Promise.reject('plain string')),
      validator('database'),
    ]);
    const by = Object.fromEntries(result.validators.map((v) => [v.id, v]));
    expect(by.strategy!.checks).toEqual([expect.objectContaining({ id: 'strategy.run', status: 'FAIL', detail: 'threw: strategy file not found: x.ts' })]);
    expect(by.risk!.checks[0]).toMatchObject({ id: 'risk.run', status: 'FAIL', detail: 'threw: boom' });
    expect(by.security!.checks[0]).toMatchObject({ status: 'FAIL', detail: 'threw: plain string' });
    expect(by.database!.status).toBe('PASS');
    expect(result.verdict).toBe('not-ready');
  });

  it('a validator past its timeout is a FAIL, its signal is aborted, and the run goes on', async () => {
    let aborted!: () => void;
    const abortSeen = new Promise<void>((r) => (aborted = r));
    const stuck = validator('performance', (ctx) => {
      ctx.signal.addEventListener('abort', () => aborted());
      return new Promise<Check[]>(() => {});
    });
    const result = await run([stuck, validator('security')], { timeoutMs: 30 });
    await abortSeen;
    const [security, performance] = result.validators;
    expect(performance!.checks[0]).toMatchObject({ id: 'performance.run', status: 'FAIL', detail: 'timed out after 30 ms' });
    expect(performance!.checks[0]!.remedy).toMatch(/--only performance/);
    expect(security!.status).toBe('PASS');
  });

  it('takes the timeout from the mode in the criteria', async () => {
    const criteria = parseCriteria('modes:\n  thorough:\n    timeoutSeconds: 0.05\n');
    const result = await run([validator('performance', () => new Promise(() => {}))], { criteria, only: ['performance'] });
    expect(result.validators[0]!.checks[0]!.detail).toBe('timed out after 50 ms');
  });

  it('cancelling the run fails what has not finished, so a cancelled run is never ready', async () => {
    const controller = new AbortController();
    const result = await run(
      [
        validator('strategy', async () => {
          controller.abort();
          return new Promise<Check[]>(() => {});
        }),
        validator('security'),
        validator('risk'),
      ],
      { signal: controller.signal, concurrency: 1 },
    );
    expect(result.validators.map((v) => [v.id, v.status, v.checks[0]!.detail])).toEqual([
      ['strategy', 'FAIL', 'cancelled before it finished'],
      ['risk', 'FAIL', 'cancelled before it finished'],
      ['security', 'FAIL', 'cancelled before it finished'],
    ]);
    expect(result.verdict).toBe('not-ready');
  });

  it('malformed checks are a FAIL of <id>.run naming the problem; valid ones are kept', async () => {
    const result = await run([
      validator('security', async () => [
        makeCheck('security.store-mode', 'PASS', { detail: 'mode 0600' }),
        makeCheck('risk.limits-configured', 'PASS', { detail: 'not mine' }),
        { ...makeCheck('security.env-mode', 'PASS', { detail: 'x' }), id: 'security.made-up' },
        { id: 'security.env-mode', status: 'OK' } as unknown as Check,
      ]),
      validator('database', async () => []),
      validator('risk', async () => 'nothing' as unknown as Check[]),
    ]);
    const [risk, database, security] = result.validators;
    expect(security!.checks.map((c) => c.id)).toEqual(['security.store-mode', 'security.run']);
    expect(security!.checks[1]!.detail).toMatch(
      /check 1: id risk\.limits-configured is not a known security check; check 2: id security\.made-up is not a known security check; check 3: /,
    );
    expect(database!.checks[0]).toMatchObject({ status: 'FAIL', detail: 'returned no checks' });
    expect(risk!.checks[0]).toMatchObject({ status: 'FAIL', detail: 'returned something other than a list of checks' });
  });

  it('reports planned, started, progress and finished events; a throwing display does not stop the run', async () => {
    const events: ProgressEvent[] = [];
    const result = await run(
      [
        validator('risk', async (ctx) => {
          ctx.progress('driving limit 1 of 6', 1 / 6);
          return passing('risk');
        }),
        validator('smoke'),
      ],
      {
        onEvent: (e) => {
          events.push(e);
          throw new Error('display broke');
        },
      },
    );
    expect(result.verdict).toBe('ready');
    expect(events[0]).toEqual({
      type: 'planned',
      validators: [
        { id: 'smoke', title: 'T smoke' },
        { id: 'risk', title: 'T risk' },
      ],
    });
    expect(events.filter((e) => e.type === 'started').map((e) => e.id)).toEqual(['smoke', 'risk']);
    expect(events).toContainEqual({ type: 'progress', id: 'risk', message: 'driving limit 1 of 6', fraction: 1 / 6 });
    expect(events.filter((e) => e.type === 'finished')).toEqual([
      expect.objectContaining({ id: 'smoke', status: 'PASS' }),
      expect.objectContaining({ id: 'risk', status: 'PASS' }),
    ]);
  });

  it('gives each validator the mode and the thresholds of the mode', async () => {
    const criteria = parseCriteria('thresholds: { cpuMaxPercent: 70 }\nmodes:\n  quick:\n    thresholds: { orderLatencyP99Ms: 10 }\n');
    const seen: Array<[Mode, number, number]> = [];
    const v = validator('smoke', async (ctx) => (seen.push([ctx.mode, ctx.thresholds.orderLatencyP99Ms, ctx.thresholds.cpuMaxPercent]), passing('smoke')));
    await run([v], { mode: 'quick', criteria });
    await run([v], { mode: 'thorough', criteria });
    expect(seen).toEqual([
      ['quick', 10, 70],
      ['thorough', 50, 70],
    ]);
  });
});

describe('dependsOn', () => {
  it('waits for the dependency, passes its result, and is a SKIP when it failed', async () => {
    const order: string[] = [];
    const strategy = validator('strategy', async () => (await ticks(3), order.push('strategy done'), passing('strategy')));
    const paper = validator(
      'paper-trading',
      async (ctx) => {
        order.push(`paper start, strategy ${ctx.dependencies.get('strategy')?.status}`);
        return passing('paper-trading');
      },
      { dependsOn: ['strategy'] },
    );
    await run([paper, strategy], { concurrency: 4 });
    expect(order).toEqual(['strategy done', 'paper start, strategy PASS']);

    const failing = validator('strategy', async () => [makeCheck('strategy.loads', 'FAIL', { detail: 'syntax error' })]);
    const result = await run([paper, failing]);
    expect(result.validators[1]).toMatchObject({
      id: 'paper-trading',
      status: 'SKIP',
      checks: [expect.objectContaining({ detail: 'needs strategy, which failed' })],
    });
  });

  it('an unselected dependency is not waited for', async () => {
    const paper = validator('paper-trading', async (ctx) => (expect(ctx.dependencies.size).toBe(0), passing('paper-trading')), { dependsOn: ['strategy'] });
    const result = await run([paper, validator('strategy')], { only: ['paper-trading'] });
    expect(result.validators.map((v) => [v.id, v.status])).toEqual([['paper-trading', 'PASS']]);
  });

  it('a dependency cycle is a wiring error', async () => {
    await expect(run([validator('risk', undefined, { dependsOn: ['security'] }), validator('security', undefined, { dependsOn: ['risk'] })])).rejects.toThrow(
      /cycle: risk -> security -> risk/,
    );
  });
});

describe('selection', () => {
  const everything = VALIDATOR_IDS.map((id) =>
    validator(id, undefined, { modes: id === 'smoke' ? ['quick', 'thorough'] : id === 'strategy' ? ALL_MODES : ['standard', 'thorough'] }),
  );

  it('a mode runs the validators its criteria list', async () => {
    const quick = await run(everything.filter((v) => ['smoke', 'strategy'].includes(v.id)).concat(validator('security')), { mode: 'quick', byMode: true });
    expect(quick.validators.map((v) => v.id)).toEqual(['smoke', 'strategy', 'security']);
    const standard = await run(everything, { mode: 'standard', byMode: true });
    expect(standard.validators.map((v) => v.id)).toEqual(VALIDATOR_IDS.filter((id) => id !== 'smoke'));
  });

  it('a listed validator that is not registered is a SKIP with the reason', async () => {
    const result = await run([validator('smoke'), validator('strategy')], { mode: 'quick', byMode: true });
    expect(result.validators[2]).toMatchObject({
      id: 'security',
      title: 'Security',
      status: 'SKIP',
      checks: [expect.objectContaining({ id: 'security.run', detail: 'no security validator is available in this build' })],
    });
    expect(result.verdict).toBe('ready-with-caveats');
  });

  it('--only and --skip select; unknown ids are input errors with a suggestion', async () => {
    const only = await run(everything, { mode: 'standard', only: ['security', 'risk'] });
    expect(only.validators.map((v) => v.id)).toEqual(['risk', 'security']);
    const skip = await run(everything, { mode: 'standard', skip: ['performance', 'paper-trading'], byMode: true });
    expect(skip.validators.map((v) => v.id)).not.toContain('performance');
    expect(skip.validators).toHaveLength(8);
    await expect(run(everything, { only: ['securty'] })).rejects.toThrow(
      '--only securty: unknown validator (did you mean security?). Choose from smoke, strategy',
    );
    await expect(run(everything, { skip: ['nope'], byMode: true })).rejects.toThrow(ValidateInputError);
    await expect(run(everything, { mode: 'standard', only: ['smoke'] })).rejects.toThrow(
      '--only smoke: smoke does not run in standard mode (it runs in quick, thorough). Choose --mode quick',
    );
    await expect(run(everything, { mode: 'quick', only: ['strategy'], skip: ['strategy'] })).rejects.toThrow(/no validator left to run/);
  });

  it('a criteria list naming a validator outside its modes is an input error naming the key', async () => {
    const criteria = parseCriteria('modes:\n  quick:\n    validators: [smoke, performance]\n');
    await expect(run(everything, { mode: 'quick', criteria, byMode: true })).rejects.toThrow(
      'criteria modes.quick.validators: performance does not run in quick mode (it runs in standard, thorough). Remove it from the list',
    );
  });
});
