import { makeCheck, measuredCheck, skipCheck } from '../src/checks';
import { histogramFromSamples, incidentsTable, timelineEvidence } from '../src/evidence';
import type { ValidationResult, ValidatorResult } from '../src/result-schema';
import { statusOfChecks, verdictOf } from '../src/status';

// A realistic result for the report tests: every status, evidence of every kind, hostile text.

export const HOSTILE = '<script>alert("x")</script> & <img src=x onerror=alert(1)> | *bold* `code`';

function v(id: ValidatorResult['id'], title: string, checks: ValidatorResult['checks'], durationMs: number): ValidatorResult {
  return { id, title, status: statusOfChecks(checks), checks, durationMs };
}

export function sampleResult(): ValidationResult {
  const latencies = Array.from({ length: 400 }, (_, i) => 4 + ((i * 37) % 23) + (i % 50 === 0 ? 30 : 0));
  const p99 = [...latencies].sort((a, b) => a - b)[Math.ceil(0.99 * latencies.length) - 1]!;
  const validators: ValidatorResult[] = [
    v(
      'strategy',
      'Strategy',
      [
        makeCheck('strategy.loads', 'PASS', { detail: 'examples/sma-crossover.ts exports SmaCrossover' }),
        measuredCheck('strategy.backtest-orders', { value: 14, threshold: 1, comparator: '>=', unit: 'orders', detail: '500 sim bars' }),
      ],
      1830,
    ),
    v(
      'execution',
      'Order execution',
      [
        measuredCheck('execution.paper-fill-latency', {
          value: p99,
          threshold: 50,
          comparator: '<=',
          unit: 'ms',
          detail: 'p99 of 400 paper orders',
          evidence: [
            histogramFromSamples(latencies, {
              title: 'Paper submit-to-fill latency',
              unit: 'ms',
              markers: [
                { label: 'p99', value: p99 },
                { label: 'threshold', value: 50 },
              ],
            }),
          ],
        }),
        skipCheck('execution.venue-auth', 'no venue configured (paper only)'),
      ],
      5210,
    ),
    v(
      'security',
      'Security',
      [
        makeCheck('security.store-mode', 'FAIL', {
          value: '0644',
          threshold: '0600',
          detail: HOSTILE,
          remedy: 'chmod 600 ~/.rustybt/config/credentials.enc',
          subject: 'credentials.enc',
        }),
        measuredCheck('security.audit-high', { value: 0, threshold: 0, comparator: '<=', detail: 'npm audit --audit-level=high' }),
      ],
      920,
    ),
    v(
      'paper-trading',
      'Paper-trading validation',
      [
        measuredCheck('paper-trading.uptime', {
          value: 99.86,
          threshold: 99.9,
          comparator: '>=',
          unit: '%',
          missed: 'WARN',
          detail: '1 h 0 min down in 30 days (interim)',
          remedy: 'Find the crash cause below and fix it; restart the 30-day window',
          subject: 'sma-main',
          evidence: [
            timelineEvidence('Uptime', '2025-01-01T00:00:00.000Z', '2025-01-31T00:00:00.000Z', [
              { from: '2025-01-01T00:00:00.000Z', to: '2025-01-12T10:00:00.000Z', state: 'up' },
              { from: '2025-01-12T10:00:00.000Z', to: '2025-01-12T11:00:00.000Z', state: 'down', label: 'crash: ' + HOSTILE },
              { from: '2025-01-12T11:00:00.000Z', to: '2025-01-20T00:00:00.000Z', state: 'up' },
              { from: '2025-01-20T00:00:00.000Z', to: '2025-01-20T02:00:00.000Z', state: 'planned' },
              { from: '2025-01-20T02:00:00.000Z', to: '2025-01-31T00:00:00.000Z', state: 'up' },
            ]),
          ],
        }),
        makeCheck('paper-trading.incidents', 'PASS', {
          value: 2,
          detail: 'every incident has a probable cause',
          evidence: [
            incidentsTable([
              {
                start: '2025-01-12T10:00:00.000Z',
                end: '2025-01-12T11:00:00.000Z',
                durationSeconds: 3600,
                kind: 'crash',
                cause: 'error ECONNRESET ' + HOSTILE,
              },
              {
                start: '2025-01-20T00:00:00.000Z',
                end: '2025-01-20T02:00:00.000Z',
                durationSeconds: 7200,
                kind: 'planned',
                cause: 'session_stop reason signal',
              },
            ]),
          ],
        }),
      ],
      14200,
    ),
  ];
  return {
    verdict: verdictOf(validators),
    mode: 'standard',
    startedAt: '2025-01-31T08:00:00.000Z',
    durationMs: 22160,
    attestation: { strategySha256: 'a'.repeat(64), configSha256: null, lockfileSha256: 'b'.repeat(64), rustybtVersion: '0.1.0' },
    validators,
  };
}
