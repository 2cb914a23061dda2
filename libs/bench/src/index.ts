// Suites and cases
export {
  defineSuite,
  type Suite,
  type BenchCase,
  type Counts,
  type ThroughputCaseDef,
  type LatencyCaseDef,
  type MicroCaseDef,
  type LatencyOpResult,
  type MeasureContext,
  type Measured,
  type RunProbe,
  type RssGrowthOptions,
} from './suite';
export { throughputCase } from './throughput';
export { latencyCase } from './latency';
export { microCase } from './micro';
export { parseGoal, evaluateGoal, type Goal } from './goals';
export { rssGrowthOf, RSS_GROWTH_MIN_SAMPLES } from './rss-growth';
// Running
export { runSuite, runCaseHere, type RunOptions } from './run-suite';
export { runCaseInChild, spawnCase, CHILD_RESULT_MARKER } from './child';
// Result files
export {
  RESULT_FORMAT,
  resultFileSchema,
  caseResultSchema,
  type ResultFile,
  type SuiteResult,
  type CaseResult,
  type Series,
  type Summary,
  type GoalResult,
  type RssGrowth,
  type RssGrowthIteration,
  type MachineInfo,
  type CaseKind,
} from './result-schema';
export { createResultFile, serializeResultFile, parseResultFile, readResultFile, ResultFileError } from './result-file';
export { machineInfo, gitCommit } from './machine';
// Statistics
export { summarize, quantile, median, mean, stdev, relativeMarginOfError, geometricMean } from './stats';
export { bootstrapCI, type BootstrapOptions, type ConfidenceInterval } from './bootstrap';
// Comparing
export { compare, type Comparison, type CompareRow, type CompareOptions, type Verdict } from './compare';
export {
  abGate,
  abAnalyze,
  verdictOf,
  type AbReport,
  type AbCase,
  type AbRound,
  type AbOptions,
  type AbGateOptions,
  type AbVerdict,
  type Side,
} from './ab-gate';
export { BenchInputError } from './errors';
// Text output
export { formatMachine, formatResultFile, formatSuite, formatCase, formatComparison, formatAbReport } from './format-report';
