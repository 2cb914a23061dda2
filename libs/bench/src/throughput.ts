import { interleaved, withState } from './interleave';
import type { RssGrowthIteration } from './result-schema';
import { RSS_GROWTH_MIN_SAMPLES, RSS_SAMPLE_EVERY_MS, RssSampler, rssGrowthOf, rssGrowthOfIterations } from './rss-growth';
import { countOf, goalsOf, type BenchCase, type MeasureContext, type Measured, type RunProbe, type ThroughputCaseDef } from './suite';

const NO_PROBE: RunProbe = { sampleRss: () => {} };

async function timeIteration<S>(
  run: (state: S, probe: RunProbe) => number | Promise<number>,
  state: S,
  name: string,
  probe: RunProbe = NO_PROBE,
): Promise<number> {
  const t0 = process.hrtime.bigint();
  const items = await run(state, probe);
  const ns = Number(process.hrtime.bigint() - t0);
  if (!(Number.isFinite(items) && items > 0))
    throw new Error(`case ${name} processed ${items} items in an iteration. Its run() must return the number of items it processed (> 0)`);
  return ns / items;
}

/**
 * A throughput case: items per second over repeated iterations. With a reference, case and
 * reference iterations alternate so that machine load hits both alike.
 */
export function throughputCase<S = undefined>(def: ThroughputCaseDef<S>): BenchCase {
  const hasReference = def.reference !== undefined;
  const growth = def.rssGrowth === undefined ? undefined : { everyMs: RSS_SAMPLE_EVERY_MS, timer: true, ...(def.rssGrowth === true ? {} : def.rssGrowth) };
  if (growth && !(Number.isFinite(growth.everyMs) && growth.everyMs > 0))
    throw new Error(`case ${def.name}: rssGrowth.everyMs must be a positive number of milliseconds, got ${growth.everyMs}`);
  return {
    name: def.name,
    kind: 'throughput',
    unit: def.unit,
    goals: goalsOf(def, def.unit, hasReference, growth !== undefined),
    isolate: def.isolate ?? false,
    hasReference,
    measuresRssGrowth: growth !== undefined,
    measure: (ctx: MeasureContext): Promise<Measured> =>
      withState(def.setup, def.teardown, async (state) => {
        const iterations = ctx.iterations ?? countOf(ctx, def.iterations, { full: 10, quick: 3 });
        const warmup = countOf(ctx, def.warmup, { full: 2, quick: 1 });
        const ref = def.reference;
        const timeRef = ref ? () => timeIteration(ref.run, state, ref.name) : undefined;
        await interleaved(warmup, () => timeIteration(def.run, state, def.name), timeRef, ctx.sampleRss);
        const grown: RssGrowthIteration[] = [];
        const timeCase = async (): Promise<number> => {
          if (!growth) return timeIteration(def.run, state, def.name);
          const sampler = new RssSampler();
          if (growth.timer) sampler.startTimer(growth.everyMs);
          let ns: number;
          try {
            ns = await timeIteration(def.run, state, def.name, { sampleRss: sampler.record });
          } finally {
            sampler.stop();
          }
          if (sampler.samples.length < RSS_GROWTH_MIN_SAMPLES) {
            const how = growth.timer
              ? `Its run() must yield to the event loop (await) so the ${growth.everyMs} ms timer fires, or sample itself with probe.sampleRss()`
              : 'Its run() must call probe.sampleRss() at an even pace';
            throw new Error(
              `case ${def.name} took ${sampler.samples.length} RSS samples in an iteration, fewer than the ${RSS_GROWTH_MIN_SAMPLES} its RSS growth needs. ${how}`,
            );
          }
          grown.push(rssGrowthOf(sampler.samples));
          return ns;
        };
        const { caseNs, refNs } = await interleaved(iterations, timeCase, timeRef, ctx.sampleRss);
        return {
          caseNs,
          ...(ref ? { reference: { name: ref.name, samplesNs: refNs } } : {}),
          ...(growth && grown.length > 0 ? { rssGrowth: rssGrowthOfIterations(grown, growth) } : {}),
        };
      }),
  };
}
