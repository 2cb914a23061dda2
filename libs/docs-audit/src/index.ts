export { commandSpecSchema, type ArgumentSpec, type CommandSpec, type OptionSpec } from './cli-spec-schema';
export { extractInvocations, shellSplit, type Invocation } from './extract';
export { checkInvocation, type Finding } from './check';
export { auditFiles, formatReport, type AuditReport } from './audit';
