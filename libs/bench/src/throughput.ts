import { interleaved, withState } from './interleave';
import { countOf, goalsOf, type BenchCase, type MeasureContext, type Measured, type ThroughputCaseDef } from './suite';

async function timeIteration<S>(run: (state: S) => number | Promise<number>, state: S, name: string): Promise<number> {
  const t0 = process.hrtime.bigint();
  const items = await run(state);
  const ns = Number(process.hrtime.bigint() - t0);
  if (!(Number.isFinite(items) && items > 0)) throw new Error(`case ${name} processed ${items} items in an iteration. Its run() must return the number of items it processed (> 0)`);
  return ns / items;
}

/**
 * A throughput case: items per second over repeated iterations. With a reference, case and
 * reference iterations alternate so that machine load hits both alike.
 */
export function throughputCase<S = undefined>(def: ThroughputCaseDef<S>): BenchCase {
  const hasReference = def.reference !== undefined;
  return {
    name: def.name,
    kind: 'throughput',
    unit: def.unit,
    goals: goalsOf(def, def.unit, hasReference),
    isolate: def.isolate ?? false,
    hasReference,
    measure: (ctx: MeasureContext): Promise<Measured> =>
      withState(def.setup, def.teardown, async (state) => {
        const iterations = ctx.iterations ?? countOf(ctx, def.iterations, { full: 10, quick: 3 });
        const warmup = countOf(ctx, def.warmup, { full: 2, quick: 1 });
        const ref = def.reference;
        const timeCase = () => timeIteration(def.run, state, def.name);
        const timeRef = ref ? () => timeIteration(ref.run, state, ref.name) : undefined;
        await interleaved(warmup, timeCase, timeRef, ctx.sampleRss);
        const { caseNs, refNs } = await interleaved(iterations, timeCase, timeRef, ctx.sampleRss);
        return { caseNs, ...(ref ? { reference: { name: ref.name, samplesNs: refNs } } : {}) };
      }),
  };
}
