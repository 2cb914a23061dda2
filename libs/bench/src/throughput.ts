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
 * reference iterations alternate (ABBA…) so that machine load hits both alike.
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
    async measure(ctx: MeasureContext): Promise<Measured> {
      const state = (def.setup ? await def.setup() : undefined) as S;
      try {
        const iterations = ctx.iterations ?? countOf(ctx, def.iterations, { full: 10, quick: 3 });
        const warmup = countOf(ctx, def.warmup, { full: 2, quick: 1 });
        const ref = def.reference;
        for (let i = 0; i < warmup; i++) {
          await timeIteration(def.run, state, def.name);
          if (ref) await timeIteration(ref.run, state, ref.name);
          ctx.sampleRss();
        }
        const caseNs: number[] = [];
        const refNs: number[] = [];
        for (let i = 0; i < iterations; i++) {
          // Alternate which goes first so a drift in machine speed does not favour one side.
          if (ref && i % 2 === 1) refNs.push(await timeIteration(ref.run, state, ref.name));
          caseNs.push(await timeIteration(def.run, state, def.name));
          if (ref && i % 2 === 0) refNs.push(await timeIteration(ref.run, state, ref.name));
          ctx.sampleRss();
        }
        return { caseNs, ...(ref ? { reference: { name: ref.name, samplesNs: refNs } } : {}) };
      } finally {
        if (def.teardown) await def.teardown(state);
      }
    },
  };
}
