import { VALIDATOR_IDS } from '../ids';
import type { Criteria } from './schema';

// Built-in criteria, following the upstream project's production criteria: order latency 50 ms,
// throughput 1,000 ops/s, memory 2 GB, CPU 50%, uptime 99.9%, error rate 0.1% per operation,
// RTO 5 min, RPO 1 min, no critical or high vulnerabilities, a 30-day paper-trading validation.
// The risk prudence figures are verify-config's (position 10%, daily loss 5%, leverage 2x).

export const DEFAULT_CRITERIA: Criteria = {
  version: 1,
  thresholds: {
    orderLatencyP99Ms: 50,
    throughputOpsPerSec: 1000,
    memoryMaxMb: 2048,
    cpuMaxPercent: 50,
    uptimePercent: 99.9,
    errorRatePercent: 0.1,
    rtoSeconds: 300,
    rpoSeconds: 60,
    maxCriticalVulnerabilities: 0,
    maxHighVulnerabilities: 0,
    paperTradingDays: 30,
    dbQueryP99Ms: 50,
    clockSkewMaxMs: 1000,
    maxPositionPercent: 10,
    maxDailyLossPercent: 5,
    maxLeverage: 2,
    logRetentionDays: 90,
    minFreeDiskMb: 1024,
  },
  modes: {
    // Under a minute on 2 cores: does it start, trade on paper, and is the setup safe.
    quick: { validators: ['smoke', 'strategy', 'security'], timeoutSeconds: 60, thresholds: {} },
    // Everything but the smoke run, with the quick benchmark subset.
    standard: {
      validators: ['strategy', 'risk', 'execution', 'database', 'monitoring', 'security', 'compliance', 'performance', 'disaster-recovery', 'paper-trading'],
      timeoutSeconds: 600,
      thresholds: {},
    },
    // Everything, with the full benchmark suites and a real test alert.
    thorough: {
      validators: [...VALIDATOR_IDS],
      timeoutSeconds: 3600,
      thresholds: {},
    },
  },
};
