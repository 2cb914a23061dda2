import { runSuite, spawnCase, type CaseResult, type Suite } from '@rustybt/bench';
import { defineValidator, histogramFromSamples, makeCheck, measuredCheck, skipCheck, type Check, type Mode, type Validator } from '@rustybt/validate';
import { cliBinPath } from '../../bench/cli-bin';
import { loadSuites } from '../../bench/load-suites';
import { probeRunner, type ProbeResult } from '../runner-probe';

/** Standard mode: the runner's order path and a 100,000-bar replay in a process of its own. */
const QUICK_CASES = ['paper submit->fill (engine + risk + broker + SQLite journal)', 'peak RSS, 100,000 replayed bars'];
const PROBE_MS = { quick: 5_000, standard: 10_000, thorough: 60_000 } as const;
/** Growth of RSS over one long replay that still counts as flat (the runner suite's goal). */
const RSS_GROWTH_MAX_PERCENT = 10;

export async function measure(mode: Mode, progress: (m: string) => void): Promise<CaseResult[]> {
  const quick = mode !== 'thorough';
  const suites: Suite[] = quick ? await loadSuites('runner') : await loadSuites('all');
  const bin = cliBinPath();
  const results: CaseResult[] = [];
  for (const suite of suites) {
    progress(`benchmark suite ${suite.name}${quick ? ' (quick subset)' : ''}`);
    const r = await runSuite(suite, {
      quick,
      ...(quick ? { cases: QUICK_CASES } : {}),
      runIsolated: (s, kase) =>
        spawnCase(process.execPath, [bin, 'benchmark', '--suite', s.name, 'run-case', '--case', kase.name, ...(quick ? ['--quick'] : [])]),
      onCase: (c) => progress(`${c.name}: done`),
    });
    results.push(...r.cases);
  }
  return results;
}

const MB = 2 ** 20;

export function checksOf(
  cases: readonly CaseResult[],
  probe: ProbeResult | Error,
  t: { orderLatencyP99Ms: number; throughputOpsPerSec: number; memoryMaxMb: number; cpuMaxPercent: number },
  mode: Mode,
): Check[] {
  const checks: Check[] = [];
  const latency = cases.filter((c) => c.kind === 'latency' && c.unit === 'orders');
  const worst = latency.reduce<CaseResult | undefined>((w, c) => (!w || c.case.statsNs.p99 > w.case.statsNs.p99 ? c : w), undefined);
  if (worst) {
    const p99 = worst.case.statsNs.p99 / 1e6;
    checks.push(
      measuredCheck('performance.order-latency', {
        value: p99,
        threshold: t.orderLatencyP99Ms,
        comparator: '<=',
        unit: 'ms',
        detail: `p99 of ${worst.case.statsNs.n} orders, ${worst.name} (the slowest of ${latency.length} order paths)`,
        remedy: 'rustybt benchmark --suite runner shows where the time goes',
        evidence: [
          histogramFromSamples(
            worst.case.samplesNs.map((ns) => ns / 1e6),
            {
              title: worst.name,
              unit: 'ms',
              markers: [
                { label: 'p99', value: p99 },
                { label: 'threshold', value: t.orderLatencyP99Ms },
              ],
            },
          ),
        ],
      }),
    );
  } else checks.push(skipCheck('performance.order-latency', 'no order latency case ran'));
  const throughput = cases.filter((c) => c.kind === 'throughput' && c.unit === 'bars' && c.name.includes('replay'));
  const slowest = throughput.reduce<CaseResult | undefined>((w, c) => (!w || c.case.perSecond < w.case.perSecond ? c : w), undefined);
  checks.push(
    slowest
      ? measuredCheck('performance.throughput', {
          value: Math.round(slowest.case.perSecond),
          threshold: t.throughputOpsPerSec,
          comparator: '>=',
          unit: 'bars/s',
          detail: `${slowest.name}: ${Math.round(slowest.case.perSecond).toLocaleString('en-US')} bars/s through the runner with SQLite and logs on`,
          remedy: 'rustybt benchmark --suite runner; check the disk',
        })
      : skipCheck('performance.throughput', 'no runner throughput case ran'),
  );
  const peakMb = Math.max(...cases.filter((c) => c.rssScope === 'child').map((c) => c.peakRssBytes / MB), probe instanceof Error ? 0 : probe.rssMb);
  checks.push(
    measuredCheck('performance.memory', {
      value: Math.round(peakMb),
      threshold: t.memoryMaxMb,
      comparator: '<=',
      unit: 'MB',
      detail: `peak RSS of the cases run in a process of their own${probe instanceof Error ? '' : ` and of a paced runner (${Math.round(probe.rssMb)} MB)`}`,
      remedy: 'See the memory cases of rustybt benchmark --suite runner',
    }),
  );
  const growth = cases.filter((c) => c.rssGrowth).sort((a, b) => b.case.statsNs.n - a.case.statsNs.n)[0];
  checks.push(
    growth?.rssGrowth
      ? measuredCheck('performance.memory-stable', {
          value: +growth.rssGrowth.percent.toFixed(2),
          threshold: RSS_GROWTH_MAX_PERCENT,
          comparator: '<=',
          unit: '%',
          missed: mode === 'thorough' ? 'FAIL' : 'WARN',
          detail: `RSS growth over ${growth.name} (last tenth of the samples over the first)`,
          remedy: 'Run the 3,000,000-bar memory case (thorough) to tell a leak from a heap sizing up',
        })
      : skipCheck('performance.memory-stable', 'no case measured RSS growth'),
  );
  checks.push(
    probe instanceof Error
      ? makeCheck('performance.cpu', 'FAIL', {
          detail: `the paced runner probe failed: ${probe.message}`,
          remedy: 'Start a runner by hand (rustybt paper-trade) and read its error',
        })
      : measuredCheck('performance.cpu', {
          value: +probe.cpuPercent.toFixed(2),
          threshold: t.cpuMaxPercent,
          comparator: '<=',
          unit: '%',
          detail: `a runner on the sim market at one bar per second used ${probe.cpuPercent.toFixed(2)}% of a core over ${probe.windowSeconds.toFixed(1)} s (${probe.bars} bars), RSS ${Math.round(probe.rssMb)} MB`,
          remedy: 'Profile the strategy: node --cpu-prof',
        }),
  );
  return checks;
}

/** The quick benchmark subset (standard) or every suite (thorough) against the criteria, and a paced runner's CPU. */
export function performanceValidator(): Validator {
  return defineValidator({
    id: 'performance',
    title: 'Performance',
    modes: ['standard', 'thorough'],
    async run(ctx) {
      const cases = await measure(ctx.mode, (m) => ctx.progress(m));
      ctx.progress('a paced runner: CPU and memory');
      const probe = await probeRunner(PROBE_MS[ctx.mode], ctx.signal).catch((e: unknown) => (e instanceof Error ? e : new Error(String(e))));
      return checksOf(cases, probe, ctx.thresholds, ctx.mode);
    },
  });
}
