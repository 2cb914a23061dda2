import { describe, expect, it } from 'vitest';
import { DEFAULT_CRITERIA } from '@rustybt/validate';
import { checksOf, measure } from '../../src/validate/validators/performance';
import { probeRunner } from '../../src/validate/runner-probe';

// One measurement (the standard-mode benchmark subset and a paced runner), judged twice.
describe('performance validator', () => {
  it('measures the runner benchmarks and a paced runner, and holds them to the criteria', async () => {
    const cases = await measure('standard', () => {});
    const probe = await probeRunner(3_000, new AbortController().signal);
    expect(cases.map((c) => c.name)).toEqual(['paper submit->fill (engine + risk + broker + SQLite journal)', 'peak RSS, 100,000 replayed bars']);
    expect(probe.bars).toBeGreaterThan(0);

    // Generous bounds (ten times the defaults) hold on any machine that works at all.
    const t = DEFAULT_CRITERIA.thresholds;
    const loose = checksOf(
      cases,
      probe,
      { orderLatencyP99Ms: t.orderLatencyP99Ms * 10, throughputOpsPerSec: t.throughputOpsPerSec / 10, memoryMaxMb: t.memoryMaxMb * 10, cpuMaxPercent: 100 },
      'standard',
    );
    expect(loose.map((c) => [c.id, c.status === 'WARN' ? 'PASS' : c.status])).toEqual([
      ['performance.order-latency', 'PASS'],
      ['performance.throughput', 'PASS'],
      ['performance.memory', 'PASS'],
      ['performance.memory-stable', 'PASS'],
      ['performance.cpu', 'PASS'],
    ]);
    expect(loose[0]!.evidence?.[0]).toMatchObject({ kind: 'histogram' });

    const impossible = checksOf(cases, probe, { orderLatencyP99Ms: 1e-9, throughputOpsPerSec: 1e15, memoryMaxMb: 1, cpuMaxPercent: 1e-9 }, 'standard');
    expect(impossible.filter((c) => c.id !== 'performance.memory-stable').map((c) => c.status)).toEqual(['FAIL', 'FAIL', 'FAIL', 'FAIL']);
  }, 300_000);
});
