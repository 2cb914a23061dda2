export { commandSpecSchema, type ArgumentSpec, type CommandSpec, type OptionSpec } from './cli-spec-schema';
export { extractInvocations, shellSplit, type Invocation } from './extract';
export { checkInvocation, type Finding } from './check';
export { auditFiles, auditProblems, formatReport, type AuditReport, type AuditOptions } from './audit';
export { stringLiterals, WILDCARD } from './source-literals';
export {
  checkErrorLines,
  docPattern,
  ErrorLineIndex,
  extractErrorLines,
  formatErrorLineReport,
  MIN_FIXED,
  sourcePattern,
  type ErrorLine,
  type ErrorLineReport,
  type Explanation,
} from './error-lines';
export { localMatch } from './message-match';
export { extractConsoleBlocks, type ConsoleBlock, type ConsoleCommand } from './console-blocks';
export { formatDiff, lineMatches, matchOutput, normaliseOutput, type DiffLine, type OutputMatch } from './output-match';
export { formatRunReport, judgeCommand, runFailures, type CommandResult, type CommandRun, type FileRunResult, type RunReport } from './run-report';
export { renderCliReference, type ReferenceOptions } from './cli-reference';
