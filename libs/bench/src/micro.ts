import Benchmark from 'benchmark';
import { countOf, goalsOf, type BenchCase, type MeasureContext, type Measured, type MicroCaseDef } from './suite';

interface Timed {
  samplesNs: number[];
  hz: number;
}

function runBenchmarkJs(fns: { name: string; fn: () => void }[], maxTime: number, minSamples: number, sampleRss: () => void): Timed[] {
  const suite = new Benchmark.Suite();
  const benches = fns.map(({ name, fn }) => new Benchmark(name, fn, { maxTime, minSamples }));
  for (const b of benches) suite.push(b);
  const out: Timed[] = [];
  suite.on('cycle', () => sampleRss());
  // Synchronous run: the case owns the process while it is measured.
  suite.run({ async: false });
  for (let i = 0; i < fns.length; i++) {
    const b = benches[i]!;
    if (b.error) throw new Error(`micro case ${fns[i]!.name} threw: ${String((b.error as Error).message ?? b.error)}`);
    // stats.sample holds the mean seconds per call of each timed cycle, not per-call times.
    out.push({ samplesNs: b.stats.sample.map((s) => s * 1e9), hz: b.hz });
  }
  return out;
}

/** A micro case over benchmark.js: many calls of a small synchronous function per timed cycle. */
export function microCase(def: MicroCaseDef): BenchCase {
  const hasReference = def.reference !== undefined;
  return {
    name: def.name,
    kind: 'micro',
    unit: 'ops',
    goals: goalsOf(def, 'ops', hasReference),
    isolate: def.isolate ?? false,
    hasReference,
    async measure(ctx: MeasureContext): Promise<Measured> {
      const maxTime = countOf(ctx, def.maxTime, { full: 2, quick: 0.3 });
      const minSamples = ctx.iterations ?? countOf(ctx, def.minSamples, { full: 20, quick: 5 });
      const fns = [{ name: def.name, fn: def.fn }, ...(def.reference ? [def.reference] : [])];
      const [c, r] = runBenchmarkJs(fns, maxTime, minSamples, ctx.sampleRss);
      return {
        caseNs: c!.samplesNs,
        ...(r && def.reference ? { reference: { name: def.reference.name, samplesNs: r.samplesNs } } : {}),
        perSecond: { case: c!.hz, ...(r ? { reference: r.hz } : {}) },
      };
    },
  };
}
