// The log-event contract: every event schema, the union, the enums and their z.infer types.
export * from './events/schema';
export { formatEvent, logFileName, timestampOf, parseEventLine, type ParsedLine } from './events/format';
export { analyzeLogDir, UptimeInputError, type AnalyzeOptions } from './analyze/analyze-log-dir';
export type { UptimeReport, UptimeAnalysis, Incident, IncidentKind, BurnRate, TimelineSpan } from './analyze/report-types';
export type { LogAdapter, LogFile, Observation } from './adapters/observation';
export { rustybtAdapter } from './adapters/rustybt';
export { freqtradeAdapter } from './adapters/freqtrade';
export { textReport } from './report/text-report';
export { markdownReport } from './report/markdown-report';
export { htmlReport } from './report/html-report';
