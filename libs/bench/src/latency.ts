import { interleaved, withState } from './interleave';
import { countOf, goalsOf, type BenchCase, type LatencyCaseDef, type LatencyOpResult, type MeasureContext, type Measured } from './suite';

async function timeOp<S>(op: (state: S) => LatencyOpResult | Promise<LatencyOpResult>, state: S, name: string): Promise<number> {
  const t0 = process.hrtime.bigint();
  const own = await op(state);
  const wall = Number(process.hrtime.bigint() - t0);
  if (own === undefined) return wall;
  const ns = Number(own);
  if (!(Number.isFinite(ns) && ns >= 0))
    throw new Error(`case ${name} reported a latency of ${String(own)} ns. Return nothing or a duration in nanoseconds (>= 0)`);
  return ns;
}

// RSS is sampled every few operations: often enough to see a peak, rarely enough not to cost.
const RSS_EVERY = 16;

/**
 * A latency case: one sample per operation, timed with process.hrtime.bigint(). With a reference,
 * case and reference operations alternate so load affects both alike.
 */
export function latencyCase<S = undefined>(def: LatencyCaseDef<S>): BenchCase {
  const unit = def.unit ?? 'ops';
  const hasReference = def.reference !== undefined;
  return {
    name: def.name,
    kind: 'latency',
    unit,
    goals: goalsOf(def, unit, hasReference),
    isolate: def.isolate ?? false,
    hasReference,
    measure: (ctx: MeasureContext): Promise<Measured> =>
      withState(def.setup, def.teardown, async (state) => {
        const samples = ctx.iterations ?? countOf(ctx, def.samples, { full: 1000, quick: 100 });
        const warmup = countOf(ctx, def.warmup, { full: 50, quick: 10 });
        const ref = def.reference;
        const timeCase = () => timeOp(def.op, state, def.name);
        const timeRef = ref ? () => timeOp(ref.op, state, ref.name) : undefined;
        const sampleSometimes = (i: number) => {
          if (i % RSS_EVERY === 0) ctx.sampleRss();
        };
        await interleaved(warmup, timeCase, timeRef, sampleSometimes);
        const { caseNs, refNs } = await interleaved(samples, timeCase, timeRef, sampleSometimes);
        ctx.sampleRss();
        const driven = def.drivenPeakRss?.(state);
        return {
          caseNs,
          ...(ref ? { reference: { name: ref.name, samplesNs: refNs } } : {}),
          ...(driven !== undefined ? { drivenPeakRssBytes: driven } : {}),
        };
      }),
  };
}
